package dev.visualsearch.catalog;

import java.awt.image.BufferedImage;

/**
 * A product just committed, with its decoded upright RGB image so that the embedder need not decode it again, and
 * its title for the text index. An upload hands it to every {@link ProductAddedStep}; an import collects them into
 * {@link ProductsAdded}.
 */
public record ProductAdded(long productId, String title, String category, String imageHash, BufferedImage image) {
}
