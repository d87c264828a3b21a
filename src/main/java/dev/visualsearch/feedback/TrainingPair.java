package dev.visualsearch.feedback;

import java.util.UUID;

/** A (query image, product) pair a shopper judged: a positive pair when {@code good}, a negative one otherwise. */
public record TrainingPair(UUID queryId, long productId, boolean good) {
}
