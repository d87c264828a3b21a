package dev.visualsearch.index;

/** One search result: a product id and its cosine similarity to the query. */
public record Hit(long id, float score) {
}
