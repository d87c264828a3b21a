package dev.visualsearch.catalog;

import java.util.List;

/**
 * Fired synchronously, on the importing worker thread, for a batch of products an import or the seed committed, with
 * their decoded images, so that observers (the embedder) embed the batch in one forward pass. Single uploads fire
 * {@link ProductAdded} instead. Every observer has finished when the fire returns.
 */
public record ProductsAdded(List<ProductAdded> products) {

    public ProductsAdded {
        products = List.copyOf(products);
    }
}
