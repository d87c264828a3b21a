package dev.visualsearch.catalog;

/** An existing product that a just-uploaded one looks like (the upload still succeeded). */
public record NearDuplicate(long productId, float score, String title, String thumbnailUrl) {
}
