package dev.visualsearch.catalog.image;

/** An image written to the content-addressed store: where it lives (relative to the data folder) and what it is. */
public record StoredImage(String sha256, String relativePath, ImageFormat format, int width, int height) {
}
