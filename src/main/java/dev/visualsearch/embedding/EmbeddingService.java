package dev.visualsearch.embedding;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.embedding.framing.ForegroundMask;
import dev.visualsearch.embedding.framing.ObjectProposals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.awt.image.BufferedImage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Optional;

/**
 * Embeds images with the active model and stores product vectors. The methods that return a value block (inference,
 * and for {@link #embedProducts} waiting for the database) and must be called from a worker thread, never from the
 * event loop; those that return a {@link Uni} block no thread.
 */
@ApplicationScoped
public class EmbeddingService {

    /** A product image ready to embed. */
    public record ProductImage(long productId, String category, BufferedImage image) {
    }

    private final ActiveModel model;
    private final EmbeddingRepository vectors;
    private final Event<EmbeddingStored> stored;
    private final InferenceSlots slots;
    private final Vertx vertx;

    public EmbeddingService(ActiveModel model, EmbeddingRepository vectors, Event<EmbeddingStored> stored,
                            InferenceSlots slots, Vertx vertx) {
        this.model = model;
        this.vectors = vectors;
        this.stored = stored;
        this.slots = slots;
        this.vertx = vertx;
    }

    /** The vector of a query image under the active model: exactly what the index holds for the same image. */
    public float[] embed(BufferedImage image) {
        return slots.run(() -> model.get().embed(image));
    }

    /** As {@link #embed}, also telling how long the request waited for a free inference slot. */
    public InferenceSlots.Timed<float[]> embedTimed(BufferedImage image) {
        return slots.timed(() -> model.get().embed(image));
    }

    /**
     * Regions of an image worth searching on their own: objects on a plain background, and with salient framing on
     * ({@code app.embedding.framing=salient}) the salient objects of a busy photo, masked in an inference slot.
     */
    public ObjectProposals.Found proposeObjects(BufferedImage image) {
        Optional<ForegroundMask> mask = model.foregroundMask();
        return mask.isEmpty() ? ObjectProposals.find(image, mask) : slots.run(() -> ObjectProposals.find(image, mask));
    }

    /** Whether a busy photo is cut out onto white before it is embedded (salient framing is on). */
    public boolean cutsOutBusyPhotos() {
        return model.foregroundMask().isPresent();
    }

    /**
     * The vectors of the adapt job's altered views, in one forward pass, stored nowhere. They are framed as object
     * framing frames them even when salient framing is on: a view on a drawn background would otherwise run the
     * salient mask (about 1.5 s each, hours for the job), and object framing is what the evaluation measured the
     * head with (docs/evaluation.md). The products' own vectors are not changed by it: a catalogue shot on a plain
     * background is framed alike by both.
     */
    public float[][] embedViews(List<BufferedImage> images) {
        return images.isEmpty() ? new float[0][] : slots.run(() -> DescriptorModel.withoutSalientMask(model.get())
                .embed(images));
    }

    /** A product's stored vector under the active model, when it has one (reactive: no blocking). */
    public Uni<Optional<float[]>> storedVector(long productId) {
        return vectors.vector(productId, model.id());
    }

    /** Every product's stored vector under the active model (reactive). */
    public Uni<List<EmbeddingRepository.StoredVector>> storedVectors() {
        return vectors.all(model.id());
    }

    public EmbeddingModel model() {
        return model.get();
    }

    /**
     * Embeds product images in one forward pass, stores the vectors and announces each one; blocks (an import's batch
     * on its run lane).
     */
    public void embedProducts(List<ProductImage> images) {
        if (images.isEmpty()) {
            return;
        }
        EmbeddingModel active = model.get();
        float[][] batch = slots.run(() -> active.embed(images.stream().map(ProductImage::image).toList()));
        for (int i = 0; i < images.size(); i++) {
            ProductImage product = images.get(i);
            Embedded embedded = new Embedded(active.id(), batch[i]);
            BlockingDatabase.await(() -> storeAndAnnounce(product, embedded));
        }
    }

    /**
     * Embeds one uploaded product, stores its vector and announces it, without blocking the caller: the forward pass
     * (and the model's first load) and the announcement (the index's insert) run on a worker, the write on the
     * reactive client in between.
     */
    public Uni<Void> embedProduct(ProductImage product) {
        return vertx.executeBlocking(() -> {
                    EmbeddingModel active = model.get();
                    return new Embedded(active.id(), slots.run(() -> active.embed(product.image())));
                }, false)
                .chain(embedded -> storeAndAnnounce(product, embedded));
    }

    private record Embedded(String modelId, float[] vector) {
    }

    /**
     * The one way a product's vector lands: written on the reactive client, then announced on a worker (the index's
     * insert blocks), so the index never holds a vector the database lacks.
     */
    private Uni<Void> storeAndAnnounce(ProductImage product, Embedded embedded) {
        return vectors.upsert(product.productId(), embedded.modelId(), embedded.vector())
                .chain(() -> vertx.executeBlocking(() -> {
                    stored.fire(new EmbeddingStored(product.productId(), product.category(), embedded.modelId(),
                            embedded.vector()));
                    return null;
                }, false))
                .replaceWithVoid();
    }
}
