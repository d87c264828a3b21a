package dev.visualsearch.catalog;

import io.smallrye.mutiny.Uni;

/**
 * Work a new upload waits for before it answers (its image vector, its text vector), so that the product is
 * searchable when {@code POST /api/products} returns. The features above the catalogue implement it, since the
 * catalogue cannot name them. A step chains its database writes instead of blocking a thread (ADR-014), and it never
 * fails the upload: the product is committed already, and its backlog retries whatever a step could not do.
 */
public interface ProductAddedStep {

    Uni<Void> onProductAdded(ProductAdded product);
}
