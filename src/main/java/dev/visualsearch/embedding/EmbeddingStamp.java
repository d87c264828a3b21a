package dev.visualsearch.embedding;

import java.time.Instant;

/**
 * What the stored vectors of one model look like from outside: how many there are and the newest one's time.
 * Derived artefacts (clusters, projections) record the stamp they were computed from; an equal stamp means there
 * is nothing new to compute (re-embedding and adding change the newest time, deleting changes the count).
 */
public record EmbeddingStamp(long count, Instant newest) {
}
