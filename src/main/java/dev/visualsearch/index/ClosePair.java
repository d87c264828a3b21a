package dev.visualsearch.index;

/** Two indexed products and the cosine between their vectors in the search space; {@code a < b}. */
public record ClosePair(long a, long b, float score) {
}
