package dev.visualsearch.catalog;

/** Fired after a product was committed; higher features (embedding, index) observe it. */
public record ProductAdded(long productId, String imageHash) {
}
