package dev.visualsearch.adapt;

import dev.visualsearch.catalog.ProductPictures;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingConfig;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.embedding.EmbeddingService;
import dev.visualsearch.index.IndexOutgrown;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.whitening.PairWhitening;
import dev.visualsearch.index.whitening.SearchSpaces;
import dev.visualsearch.index.whitening.Whitening;
import dev.visualsearch.index.whitening.WhiteningConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The pipeline's adapt job: embeds seeded, altered views of (a sample of) the catalogue with the frozen backbone,
 * learns the head that maps a product and its views close together ({@link PairWhitening}), saves it with the
 * index's search space and rebuilds the index in it. Blocking. Same catalogue, same seed: the same views, the same
 * head, the same head id. With salient framing on it also learns the {@link PhotoShift} in front of that head.
 */
@ApplicationScoped
public class AdaptJob {

    /** What a run did. */
    public record Result(String headId, int products, int views, long embedMs, long learnMs, int indexed,
                         List<String> failures, Optional<String> photoShift) {
    }

    /** Products whose views are drawn together (each other's clutter), so memory stays one batch. */
    static final int BATCH = 32;

    private static final Logger LOG = Logger.getLogger(AdaptJob.class);

    private final EmbeddingService embeddings;
    private final ProductPictures pictures;
    private final SearchSpaces spaces;
    private final IndexService indexes;
    private final AdaptConfig config;
    private final WhiteningConfig whitening;
    private final EmbeddingConfig embedding;
    private final PhotoShifts shifts;

    public AdaptJob(EmbeddingService embeddings, ProductPictures pictures, SearchSpaces spaces, IndexService indexes,
                    AdaptConfig config, WhiteningConfig whitening, EmbeddingConfig embedding, PhotoShifts shifts) {
        this.embeddings = embeddings;
        this.pictures = pictures;
        this.spaces = spaces;
        this.indexes = indexes;
        this.config = config;
        this.whitening = whitening;
        this.embedding = embedding;
        this.shifts = shifts;
    }

    /**
     * Why the service should run the job on its own initiative now (see {@link AdaptConfig#auto()}), or empty: a
     * check of the live index and the saved head only, cheap enough for every scheduled tick.
     */
    public Optional<String> due() {
        if (!config.auto() || !spaces.whitens() || !whitening.head() || !indexes.isReady()) {
            return Optional.empty();
        }
        int size = indexes.exact().size();
        if (size < minProducts()) {
            return Optional.empty();
        }
        Optional<Whitening> head = spaces.head(indexes.activeModelId());
        if (head.isEmpty()) {
            return Optional.of("the catalogue of " + size + " products has no adapt head for its model yet");
        }
        String expected = PairWhitening.kind(views().recipe());
        if (!head.get().kind().equals(expected)) {
            return Optional.of("the adapt head " + head.get().id() + " was learned from other views than this "
                    + "framing's (" + expected + ")");
        }
        int learnedFrom = head.get().learnedFrom();
        return IndexOutgrown.outgrown(size, learnedFrom, whitening.minVectors(), whitening.relearnGrowth())
                ? Optional.of("the catalogue has grown to " + size + " products since the head was learned from "
                        + learnedFrom)
                : shifts.due(indexes.activeModelId(), head.get().id());
    }

    /** The fewest embedded products a head is learned from: those a whitening needs, and two at the least. */
    private int minProducts() {
        return Math.max(2, whitening.minVectors());
    }

    public Result run(Progress progress) {
        if (!spaces.whitens() || !whitening.head()) {
            throw new IllegalStateException("The adapt head is only searched in by this instance's own index with "
                    + "whitening and heads on (app.index.backend=local, app.index.whitening.enabled=true, "
                    + "app.index.whitening.head=true)");
        }
        String modelId = embeddings.model().id();
        List<StoredVector> stored = BlockingDatabase.await(embeddings::storedVectors);
        if (stored.size() < minProducts()) {
            throw new IllegalStateException("The adapt job needs at least " + minProducts()
                    + " embedded products (app.index.whitening.min-vectors); the catalogue has " + stored.size());
        }
        Map<Long, float[]> byId = stored.stream().collect(Collectors.toMap(StoredVector::productId,
                StoredVector::vector, (a, b) -> a));
        List<Long> sample = sample(stored);
        ProductViews views = views();
        List<float[]> anchors = new ArrayList<>();
        List<float[]> viewed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        int perProduct = Math.max(1, config.views());
        for (int from = 0; from < sample.size(); from += BATCH) {
            ProductPictures.Read read = pictures.read(sample.subList(from, Math.min(sample.size(), from + BATCH)));
            failures.addAll(read.failures());
            List<Long> ids = read.pictures().stream().map(ProductPictures.Picture::productId).toList();
            List<BufferedImage> altered = views.views(ids,
                    read.pictures().stream().map(ProductPictures.Picture::image).toList(), perProduct);
            int step = Math.max(1, embedding.batchSize());
            for (int i = 0; i < altered.size(); i += step) {
                for (float[] vector : embeddings.embedViews(altered.subList(i, Math.min(altered.size(), i + step)))) {
                    viewed.add(vector);
                }
            }
            ids.forEach(id -> {
                for (int v = 0; v < perProduct; v++) {
                    anchors.add(byId.get(id));
                }
            });
            int done = Math.min(sample.size(), from + BATCH);
            progress.report(0.9 * done / sample.size(), "Embedded " + viewed.size() + " altered views of " + done
                    + " of " + sample.size() + " products");
        }
        long embedMs = (System.nanoTime() - start) / 1_000_000;
        if (anchors.isEmpty()) {
            throw new IllegalStateException("No product image could be read: " + String.join("; ", failures));
        }
        start = System.nanoTime();
        Whitening head = PairWhitening.learn(stored.stream().map(StoredVector::vector).toList(), anchors, viewed,
                whitening.dims(), config.shrinkage(), config.seed(), views.recipe());
        long learnMs = (System.nanoTime() - start) / 1_000_000;
        spaces.adopt(modelId, head);
        LOG.infof("Learned the adapt head %s from %d views of %d products (embedding %d ms, learning %d ms)",
                head.id(), viewed.size(), anchors.size() / perProduct, embedMs, learnMs);
        Optional<String> shift = Optional.empty();
        if (shifts.enabled()) {
            progress.report(0.9, "Learned the head " + head.id() + "; learning the photo shift");
            shift = Optional.of(shifts.learn(modelId, head.id(), stored.stream().map(StoredVector::vector).toList(),
                    progress.scaled(0.9, 0.95)).describe(config.photoPool()));
        }
        progress.report(0.95, "Learned the head " + head.id() + "; rebuilding the index in its space");
        int indexed = indexes.rebuild(progress.scaled(0.95, 1));
        return new Result(head.id(), anchors.size() / perProduct, viewed.size(), embedMs, learnMs, indexed, failures,
                shift);
    }

    /**
     * The views that measured best for how queries reach the model (docs/evaluation.md): where salient framing cuts
     * a photo out onto white, what is left to learn is how a photo looks; where a busy photo is embedded whole, its
     * background.
     */
    private ProductViews views() {
        return embeddings.cutsOutBusyPhotos() ? ProductViews.photoLike(config.seed())
                : new ProductViews(config.seed());
    }

    /** At most {@code max-products} ids, a seeded sample, in id order. */
    private List<Long> sample(List<StoredVector> stored) {
        List<Long> ids = stored.stream().map(StoredVector::productId).sorted().toList();
        if (ids.size() <= config.maxProducts()) {
            return ids;
        }
        List<Long> shuffled = new ArrayList<>(ids);
        java.util.Collections.shuffle(shuffled, new Random(config.seed()));
        return shuffled.subList(0, Math.max(1, config.maxProducts())).stream().sorted(Comparator.naturalOrder())
                .toList();
    }
}
