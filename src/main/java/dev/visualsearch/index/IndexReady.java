package dev.visualsearch.index;

/** Fired (on the start-up worker thread) once the indexes are built at start-up. */
public record IndexReady(String modelId, int size) {
}
