package dev.visualsearch.catalog;

import java.awt.image.BufferedImage;

/**
 * Fired synchronously on a worker thread after a product was committed, with its decoded upright RGB image so that
 * observers (the embedder) need not decode it again. The create call returns only after every observer finished.
 */
public record ProductAdded(long productId, String category, String imageHash, BufferedImage image) {
}
