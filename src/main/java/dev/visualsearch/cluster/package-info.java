/**
 * Clustering of the catalogue embeddings: k-means with Tribuo (k-means++, fixed seed, k chosen by silhouette),
 * cluster runs with provenance and the active clustering ({@code product.cluster_id}), labels and representatives,
 * agreement with categories (NMI, ARI), the clusters API and the candidates of cluster-first search. Sits beside
 * {@code index}; observes {@link dev.visualsearch.embedding.EmbeddingStored} and catalogue deletions so that new
 * products join their nearest cluster without a new run.
 */
package dev.visualsearch.cluster;
