/**
 * Vector indexes: the {@link dev.visualsearch.index.VectorIndex} port, the exact backend (the ground truth, SIMD
 * through the incubating Vector API where the JVM allows), the FAISS backend over JNI ({@code faiss}), the live
 * index that searches never see half-built ({@link dev.visualsearch.index.LiveIndex}), the search space the
 * indexes hold their vectors in (whitening learned from the catalogue, {@code whitening}), the relevance
 * calibration, and the versioned file format. Observes {@link dev.visualsearch.embedding.EmbeddingStored} and catalogue deletions to stay fresh.
 */
package dev.visualsearch.index;
