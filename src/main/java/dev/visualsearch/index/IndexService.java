package dev.visualsearch.index;

import dev.visualsearch.catalog.CatalogService;
import dev.visualsearch.catalog.ProductDeleted;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.ActiveModel;
import dev.visualsearch.embedding.EmbeddingRepository;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.embedding.EmbeddingStored;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.index.exact.SelfJoin;
import dev.visualsearch.index.whitening.SearchSpaces;
import dev.visualsearch.index.whitening.WhiteningConfig;
import jakarta.enterprise.event.Event;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Owns the live indexes of the active model: the exact index (always) and the approximate one (when a backend is
 * available). Keeps them fresh from embedding and deletion events, loads them at start-up (from the saved file
 * when its header matches the active model, reconciled with the database), rebuilds them beside the live ones and
 * swaps them in, and saves them on shutdown.
 */
@ApplicationScoped
public class IndexService {

    private static final Logger LOG = Logger.getLogger(IndexService.class);
    private static final long CALIBRATION_SEED = 42;

    private final ActiveModel model;
    private final EmbeddingRepository embeddings;
    private final CatalogService catalog;
    private final AnnBackends annBackends;
    private final SearchSpaces spaces;
    private final WhiteningConfig whitening;
    private final Event<IndexOutgrown> outgrown;
    private final Event<TombstonesPiledUp> piledUp;
    /** The tombstones event fires at most once per build. */
    private volatile boolean piledUpAnnounced;
    private final IndexConfig config;
    private final RecallKeeper recall;
    private final AnnWriteQueue refusedWrites = new AnnWriteQueue();
    private final CategoryIds categories = new CategoryIds();
    private volatile LiveIndex exact;
    private volatile LiveIndex ann;
    private volatile Instant builtAt;
    private volatile SearchSpace space;
    private volatile ScoreCalibration calibration = ScoreCalibration.UNCALIBRATED;
    /** Vectors the live space was learned from; the outgrown event fires at most once per build. */
    private volatile int learnedFrom;
    private volatile boolean outgrownAnnounced;
    /** Counts every add, delete and swap, so that a result computed from the index can tell it is out of date. */
    private final AtomicLong version = new AtomicLong();
    private final SelfJoin selfJoin = new SelfJoin();
    private final ReentrantLock building = new ReentrantLock();
    private final List<IndexChange> pending = new ArrayList<>();
    private boolean recording;

    public IndexService(ActiveModel model, EmbeddingRepository embeddings, CatalogService catalog,
                        AnnBackends annBackends,
                        SearchSpaces spaces, WhiteningConfig whitening, Event<IndexOutgrown> outgrown,
                        Event<TombstonesPiledUp> piledUp, IndexConfig config) {
        this.piledUp = piledUp;
        this.config = config;
        this.recall = new RecallKeeper(config, CALIBRATION_SEED);
        this.catalog = catalog;
        this.model = model;
        this.embeddings = embeddings;
        this.annBackends = annBackends;
        this.spaces = spaces;
        this.whitening = whitening;
        this.outgrown = outgrown;
    }

    public boolean isReady() {
        return exact != null;
    }

    /**
     * Builds the indexes at start-up (blocking, from a worker thread). The exact index is filled from the stored
     * vectors, which are the source of truth; the approximate one is loaded from its saved file when the header
     * matches the active model (then reconciled with the stored vectors), else built.
     */
    public void start() {
        build(true, Progress.IGNORED);
    }

    /** Rebuilds both indexes from the stored vectors beside the live ones and swaps them in; returns the size. */
    public int rebuild(Progress progress) {
        int size = build(false, progress);
        saveQuietly();
        return size;
    }

    /**
     * Changes that arrive while a build reads its snapshot are applied to the live indexes and also recorded, then
     * replayed onto the new indexes before they go live, so no add or delete is lost to a concurrent rebuild.
     */
    private int build(boolean startUp, Progress progress) {
        building.lock();
        try {
            if (startUp && exact != null) {
                return exact.size();
            }
            synchronized (this) {
                recording = true;
            }
            String modelId = model.id();
            String catalogue = BlockingDatabase.await(catalog::catalogueId);
            if (startUp && annBackends.savedCatalogue().filter(saved -> !saved.equals(catalogue)).isPresent()) {
                LOG.infof("The saved index files were built from another catalogue than this database's (%s): "
                        + "learning and building anew", catalogue);
                startUp = false;
            }
            List<StoredVector> raw = BlockingDatabase.await(() -> embeddings.all(modelId));
            raw.forEach(v -> categories.put(v.productId(), v.category()));
            SearchSpace fresh = startUp ? spaces.loadOrLearn(modelId, raw) : spaces.learn(modelId, raw);
            List<StoredVector> stored = fresh.applyAll(raw);
            int dimension = fresh.dimension(dimensionOf(raw));
            ExactIndex freshExact = buildExact(fresh.id(), dimension, stored, progress.scaled(0, 0.5));
            Progress annProgress = progress.scaled(0.5, 1);
            Optional<VectorIndex> freshAnn = startUp
                    ? annBackends.loadOrBuild(fresh.id(), dimension, stored, this::category, catalogue, annProgress)
                    : annBackends.build(fresh.id(), dimension, stored, this::category, catalogue, annProgress);
            freshAnn = freshAnn.map(index -> RescoredIndex.around(index, freshExact, config.rescoreFactor()));
            freshAnn.ifPresent(index -> recall.chooseDepth(index, freshExact));
            if (!startUp) {
                spaces.save(fresh);
            }
            ScoreCalibration freshCalibration = ScoreCalibration.measure(
                    stored.stream().map(StoredVector::vector).toList(), CALIBRATION_SEED);
            synchronized (this) {
                // The snapshot holds every change refused before it; those during the build are in pending.
                refusedWrites.clear();
                for (IndexChange change : pending) {
                    change.applyTo(freshExact, fresh);
                    freshAnn.ifPresent(index -> refusedWrites.applyOrQueue(change, index.descriptor().backend(),
                            () -> change.applyTo(index, fresh)));
                }
                pending.clear();
                recording = false;
                exact = swap(exact, freshExact);
                ann = freshAnn.map(index -> swap(ann, index)).orElse(null);
                space = fresh;
                version.incrementAndGet();
                calibration = freshCalibration;
                learnedFrom = stored.size();
                outgrownAnnounced = false;
                piledUpAnnounced = false;
                builtAt = Instant.now();
            }
            progress.report(1, "Index ready");
            LOG.infof("Index ready: %d vectors of %s (exact, %s kernel%s)", freshExact.size(), modelId,
                    freshExact.kernel(), ann == null ? "; no ANN index: " + annBackends.unavailableReason()
                            : "; ANN " + ann.descriptor().backend());
            return freshExact.size();
        } finally {
            synchronized (this) {
                recording = false;
                pending.clear();
            }
            building.unlock();
        }
    }

    private static LiveIndex swap(LiveIndex live, VectorIndex fresh) {
        if (live == null) {
            return new LiveIndex(fresh);
        }
        live.swap(fresh);
        return live;
    }

    void onEmbeddingStored(@Observes EmbeddingStored event) {
        if (event.modelId().equals(model.id())) {
            categories.put(event.productId(), event.category());
            apply(new IndexChange(event.productId(), event.vector()));
            announceIfOutgrown();
            recall.recheckIfGrown(ann, exact);
        }
    }

    private void announceIfOutgrown() {
        LiveIndex live = exact;
        if (live == null || outgrownAnnounced || building.isLocked() || !spaces.whitens()) {
            return;
        }
        int size = live.size();
        if (IndexOutgrown.outgrown(size, learnedFrom, whitening.minVectors(), whitening.relearnGrowth())) {
            outgrownAnnounced = true;
            outgrown.fire(new IndexOutgrown(model.id(), size, learnedFrom));
        }
    }

    void onProductDeleted(@Observes ProductDeleted event) {
        categories.remove(event.productId());
        apply(new IndexChange(event.productId(), null));
        announceIfTombstonesPiledUp();
    }

    private void announceIfTombstonesPiledUp() {
        LiveIndex live = ann;
        if (live == null || piledUpAnnounced || building.isLocked()) {
            return;
        }
        int tombstones = live.read(VectorIndex::tombstones);
        int size = live.size();
        if (TombstonesPiledUp.piledUp(tombstones, size, config.tombstoneRebuildShare(),
                config.tombstoneRebuildMinimum())) {
            piledUpAnnounced = true;
            // Deletes arrive on the event loop, which must not wait for the run to start: observed asynchronously.
            piledUp.fireAsync(new TombstonesPiledUp(tombstones, size + tombstones));
        }
    }

    private synchronized void apply(IndexChange change) {
        version.incrementAndGet();
        if (recording) {
            pending.add(change);
        }
        if (exact != null) {
            change.applyTo(exact, space);
        }
        if (ann != null) {
            LiveIndex live = ann;
            SearchSpace current = space;
            refusedWrites.applyOrQueue(change, live.descriptor().backend(), () -> change.applyTo(live, current));
        }
    }

    /**
     * Writes the changes the approximate index refused, oldest first, until one is refused again; returns how many
     * still wait. Called on a schedule (AnnWriteRetry), so a product stored while OpenSearch was down becomes
     * findable through {@code mode=ann} once it is back, without an index run.
     */
    public synchronized int retryAnnWrites() {
        LiveIndex live = ann;
        return live == null ? refusedWrites.size() : refusedWrites.retry(live, space);
    }

    /** Changes the approximate index refused that wait for a retry. */
    public int annWritesWaiting() {
        return refusedWrites.size();
    }

    /**
     * A query vector of the active model in the space the indexes search (whitened when a whitening is learned).
     * Scores of hits are cosines in that space.
     */
    public float[] toSearchSpace(float[] modelVector) {
        SearchSpace current = space;
        return current == null ? modelVector : current.apply(modelVector);
    }

    /** How scores of the live index read as relevance (measured at each build). */
    public ScoreCalibration calibration() {
        return calibration;
    }

    /**
     * The query in the space of {@code index} (its descriptor names the space it was built in). A rebuild swaps index
     * and space in one step, but a search reads them one after the other: when they disagree (the swap fell in
     * between), the space is read again.
     */
    public float[] queryFor(LiveIndex index, float[] modelVector) {
        for (int attempt = 0; attempt < 3; attempt++) {
            SearchSpace current = space;
            if (current == null || current.id().equals(index.descriptor().modelId())) {
                return current == null ? modelVector : current.apply(modelVector);
            }
            Thread.onSpinWait();
        }
        throw new IndexNotReadyException();
    }

    /** The space the live indexes search in (null before the first build). */
    public SearchSpace space() {
        return space;
    }

    public LiveIndex exact() {
        LiveIndex index = exact;
        if (index == null) {
            throw new IndexNotReadyException();
        }
        return index;
    }

    public Optional<LiveIndex> ann() {
        return Optional.ofNullable(ann);
    }

    public String annUnavailableReason() {
        return annBackends.unavailableReason();
    }

    /** The category the index holds for a product (what search shows when the database cannot be asked). */
    public Optional<String> category(long productId) {
        return categories.categoryOf(productId);
    }

    /** Ids of the indexed products in a category, for pre-filtered search. */
    public Candidates inCategory(String category) {
        return categories.candidates(category);
    }

    /** Changes whenever the live indexes change (an add, a delete, a rebuild). */
    public long version() {
        return version.get();
    }

    /**
     * Each indexed product's {@code k} nearest other products in the search space, exactly (a self-join over a copy
     * of the exact index, so that searches and writes go on meanwhile), as pairs best first. Blocking: minutes of
     * CPU at 100,000 products (docs/performance.md), so callers run it on a worker thread of their own.
     */
    public List<ClosePair> nearestPairs(int k, int threads) {
        return selfJoin.nearestPairs(exact().read(VectorIndex::rows), k, threads);
    }

    public Instant builtAt() {
        return builtAt;
    }

    public String activeModelId() {
        return model.id();
    }

    private ExactIndex buildExact(String spaceId, int dimension, List<StoredVector> stored, Progress progress) {
        ExactIndex index = new ExactIndex(spaceId, dimension, Math.max(1024, stored.size() + stored.size() / 8));
        for (int i = 0; i < stored.size(); i++) {
            index.add(stored.get(i).productId(), stored.get(i).vector());
            if (i % 1000 == 0) {
                progress.report((double) i / stored.size(), "Exact index: " + i + " of " + stored.size() + " vectors");
            }
        }
        progress.report(1, "Exact index: " + stored.size() + " vectors");
        return index;
    }

    private int dimensionOf(List<StoredVector> stored) {
        return stored.isEmpty() ? model.get().dimension() : stored.get(0).vector().length;
    }

    private void saveQuietly() {
        LiveIndex current = ann;
        if (current != null) {
            annBackends.save(current);
        }
    }

    @PreDestroy
    void shutdown() {
        recall.close();
        saveQuietly();
    }
}
