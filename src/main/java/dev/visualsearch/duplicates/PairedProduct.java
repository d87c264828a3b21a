package dev.visualsearch.duplicates;

/** What the report says about a product of its pairs, so that a client can show both images side by side. */
public record PairedProduct(long id, String title, String category, String imageUrl, String thumbnailUrl) {
}
