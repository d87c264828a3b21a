package dev.visualsearch.catalog;

import dev.visualsearch.catalog.image.StoredImage;
import dev.visualsearch.common.error.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Adds and removes products. Both uploads and imports come through {@link #add}, so duplicate detection and SKU
 * rules live in one place; the events go out only after the transaction committed.
 */
@ApplicationScoped
public class CatalogService {

    private final ProductRepository products;
    private final Instance<ProductAddedStep> addedSteps;
    private final Event<ProductsAdded> addedBatch;
    private final Event<ProductDeleted> deleted;

    public CatalogService(ProductRepository products, Instance<ProductAddedStep> addedSteps,
                          Event<ProductsAdded> addedBatch, Event<ProductDeleted> deleted) {
        this.products = products;
        this.addedSteps = addedSteps;
        this.addedBatch = addedBatch;
        this.deleted = deleted;
    }

    /**
     * Stores a new product and then chains every {@link ProductAddedStep} (its image vector and text vector) before
     * the returned Uni completes, so that the product is searchable when the caller answers. No thread waits here.
     */
    public Uni<Product> add(ProductDraft draft, StoredImage image, BufferedImage pixels) {
        return addUnannounced(draft, image)
                .call(product -> afterAdding(new ProductAdded(product.id, product.title, product.category,
                        product.imageHash, pixels)));
    }

    private Uni<Void> afterAdding(ProductAdded product) {
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (ProductAddedStep step : addedSteps) {
            steps = steps.call(() -> step.onProductAdded(product));
        }
        return steps;
    }

    /**
     * Stores a new product with the same rules as {@link #add}, leaving its announcement to the caller: imports
     * collect the products they added and {@link #announce} them per batch, so that they are embedded a batch per
     * forward pass. Until announced, such a product is in the embedding backlog.
     */
    public Uni<Product> addUnannounced(ProductDraft draft, StoredImage image) {
        return Panache.withTransaction(() -> products.findByImageHash(image.sha256())
                .invoke(existing -> rejectDuplicateImage(existing))
                .chain(() -> draft.sku() == null ? Uni.createFrom().nullItem() : products.findBySku(draft.sku()))
                .invoke(existing -> rejectDuplicateSku(existing))
                .chain(() -> products.persist(newProduct(draft, image))));
    }

    /** Announces committed products as one {@link ProductsAdded}; blocks until its observers finished (worker thread). */
    public void announce(List<ProductAdded> batch) {
        if (!batch.isEmpty()) {
            addedBatch.fire(new ProductsAdded(batch));
        }
    }

    /** Deletes the product row and returns it so that the caller can remove its files outside the transaction. */
    public Uni<Product> delete(long id) {
        return Panache.withTransaction(() -> products.findById(id)
                        .onItem().ifNull().failWith(() -> ApiProblem.notFound("Product", id))
                        .call(products::delete))
                .invoke(product -> deleted.fire(new ProductDeleted(product.id)));
    }

    /**
     * The id of this catalogue: saved indexes record it and are rebuilt when it differs (a data folder pointed at
     * another database).
     */
    public Uni<String> catalogueId() {
        return products.catalogueId();
    }

    public Uni<Product> get(long id) {
        return Panache.withSession(() -> products.findById(id))
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("Product", id));
    }

    private static void rejectDuplicateImage(Product existing) {
        if (existing != null) {
            throw new DuplicateImageException(existing);
        }
    }

    private static void rejectDuplicateSku(Product existing) {
        if (existing != null) {
            throw ApiProblem.conflict("The SKU " + existing.sku + " is already used by product " + existing.id)
                    .with("existingProductId", existing.id);
        }
    }

    private static Product newProduct(ProductDraft draft, StoredImage image) {
        Product product = new Product();
        product.sku = draft.sku() != null ? draft.sku() : "IMG-" + image.sha256().substring(0, 12).toUpperCase(Locale.ROOT);
        product.title = draft.title();
        product.category = draft.category();
        product.price = draft.price();
        product.imageHash = image.sha256();
        product.imagePath = image.relativePath();
        product.imageFormat = image.format().name();
        product.imageWidth = image.width();
        product.imageHeight = image.height();
        product.createdAt = Instant.now();
        product.updatedAt = product.createdAt;
        return product;
    }
}
