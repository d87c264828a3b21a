/**
 * Embeddings: the {@link dev.visualsearch.embedding.EmbeddingModel} port, its adapters (the offline InceptionV3
 * backbone interpreted from TF.js files in {@code tfjs}, user TorchScript models in {@code torchscript}, DJL engine
 * set-up in {@code djl}), the descriptor on top of a backbone's feature map ({@code framing}, {@code pooling},
 * {@link dev.visualsearch.embedding.DescriptorModel}), preprocessing, vectors stored per model in PostgreSQL, and the embedding of new products.
 * Announces {@link dev.visualsearch.embedding.EmbeddingStored} for the index to observe.
 */
package dev.visualsearch.embedding;
