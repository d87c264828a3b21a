package dev.visualsearch.catalog;

import java.awt.image.BufferedImage;

/**
 * Fired synchronously on a worker thread after a product was committed, with its decoded upright RGB image so that
 * observers (the embedder) need not decode it again, and its title for the text index. The create call returns only
 * after every observer finished.
 */
public record ProductAdded(long productId, String title, String category, String imageHash, BufferedImage image) {
}
