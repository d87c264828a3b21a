package dev.visualsearch.catalog;

/** Fired after a product was deleted; higher features drop what they derived from it. */
public record ProductDeleted(long productId) {
}
