/**
 * Read-side analytics on top of the other features: the catalogue maps (PCA by power iteration, Barnes-Hut t-SNE)
 * computed by the pipeline's {@code project} job and stored per model, and search metrics computed in SQL from the
 * search log. Reads embeddings, products and clusters; nothing below depends on it.
 */
package dev.visualsearch.analytics;
