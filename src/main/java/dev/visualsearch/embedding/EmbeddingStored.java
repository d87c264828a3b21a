package dev.visualsearch.embedding;

/** Fired (synchronously, on a worker thread) after a product's vector for the active model was stored. */
public record EmbeddingStored(long productId, String category, String modelId, float[] vector) {
}
