package dev.visualsearch.index;

import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.index.opensearch.DocumentFacts;
import dev.visualsearch.index.opensearch.OpenSearchBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * Builds, loads and saves the approximate index: in this process as {@code app.index.ann} says, or on an OpenSearch
 * cluster when {@code app.index.backend=opensearch}. When FAISS cannot be loaded (or the cluster reached) the
 * service runs on the exact index alone; this class says so in the log and in {@link #unavailableReason()}.
 */
@ApplicationScoped
public class AnnBackends {

    private static final Logger LOG = Logger.getLogger(AnnBackends.class);
    /** Below this many vectors IVF cannot be trained sensibly; a flat FAISS index serves instead. */
    private static final int IVF_MIN_VECTORS = 1000;
    /**
     * From this many vectors {@code app.index.ann=auto} builds IVF with 8-bit codes instead of HNSW: a quarter of the
     * memory, a build of about a minute at 1M instead of most of an hour, and with the float re-score the same recall
     * (docs/performance.md, "Compressed index").
     */
    static final int AUTO_COMPRESSED_FROM = 200_000;

    private final IndexConfig config;
    private final OpenSearchBackend openSearch;
    private final Instance<ClusterMembership> clusters;
    private final Path file;
    private volatile boolean warned;

    public AnnBackends(IndexConfig config, OpenSearchBackend openSearch, Instance<ClusterMembership> clusters) {
        this.config = config;
        this.openSearch = openSearch;
        this.clusters = clusters;
        this.file = Path.of(config.dir(), "ann");
        if (!config.backend().equals("local") && !onOpenSearch()) {
            throw new IllegalArgumentException("app.index.backend must be 'local' or 'opensearch', not '"
                    + config.backend() + "'");
        }
    }

    private boolean onOpenSearch() {
        return config.backend().equals("opensearch");
    }

    public String unavailableReason() {
        if (onOpenSearch()) {
            return openSearch.unavailableReason();
        }
        if (config.ann().equals("none")) {
            return "app.index.ann=none";
        }
        return FaissNative.isAvailable() ? null : "FAISS unavailable: " + FaissNative.unavailableReason();
    }

    /**
     * The saved index when it fits the model (reconciled with the stored vectors), else a new one. {@code categories}
     * gives the category of a product added later (stored in OpenSearch documents).
     */
    public Optional<VectorIndex> loadOrBuild(String modelId, int dimension, List<StoredVector> stored,
                                             LongFunction<Optional<String>> categories, String catalogue,
                                             Progress progress) {
        if (onOpenSearch()) {
            return openSearch.loadOrBuild(modelId, dimension, stored, facts(categories), progress);
        }
        if (!usable()) {
            return Optional.empty();
        }
        if (Files.exists(file.resolveSibling("ann.faiss"))) {
            try {
                FaissIndex loaded = FaissIndex.load(file, config.hnswEfSearch(), config.ivfNprobe());
                if (!catalogue.equals(loaded.catalogue())) {
                    LOG.infof("Saved ANN index was built from catalogue %s, this is %s; rebuilding",
                            loaded.catalogue(), catalogue);
                    loaded.close();
                    return build(modelId, dimension, stored, categories, catalogue, progress);
                }
                if (loaded.descriptor().fits(modelId, dimension)
                        && sameLayout(loaded.descriptor().backend(), "faiss:" + factory(stored.size()))) {
                    reconcile(loaded, stored);
                    LOG.infof("Loaded the saved %s index (%d vectors)", loaded.descriptor().backend(), loaded.size());
                    return Optional.of(loaded);
                }
                LOG.infof("Saved ANN index was built as %s for %s; rebuilding", loaded.descriptor().backend(),
                        loaded.descriptor().modelId());
                loaded.close();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Saved ANN index unreadable (%s); rebuilding", e.getMessage());
            }
        }
        return build(modelId, dimension, stored, categories, catalogue, progress);
    }

    /**
     * The catalogue the saved local index was built from, when there is one that says (read from its header only):
     * a start-up on another catalogue must learn its search space anew too.
     */
    public Optional<String> savedCatalogue() {
        Path header = file.resolveSibling("ann.header");
        if (onOpenSearch() || !Files.exists(header)) {
            return Optional.empty();
        }
        try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(header)))) {
            return Optional.ofNullable(IndexFileHeader.read(in).catalogue());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A new index of the stored vectors from {@code catalogue}, not yet live. */
    public Optional<VectorIndex> build(String modelId, int dimension, List<StoredVector> stored,
                                       LongFunction<Optional<String>> categories, String catalogue,
                                       Progress progress) {
        if (onOpenSearch()) {
            return Optional.of(openSearch.build(modelId, dimension, stored, facts(categories), progress));
        }
        if (!usable()) {
            return Optional.empty();
        }
        long[] ids = new long[stored.size()];
        float[] vectors = new float[stored.size() * dimension];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = stored.get(i).productId();
            System.arraycopy(stored.get(i).vector(), 0, vectors, i * dimension, dimension);
        }
        long start = System.nanoTime();
        FaissIndex index = FaissIndex.build(factory(ids.length), modelId, dimension, ids, vectors,
                config.hnswEfSearch(), config.ivfNprobe(), buildThreads());
        index.builtFrom(catalogue);
        LOG.infof("Built %s over %d vectors in %d ms (%d threads, %s distance kernels)", index.descriptor().backend(),
                ids.length, (System.nanoTime() - start) / 1_000_000, buildThreads(), FaissNative.distanceKernel());
        return Optional.of(index);
    }

    private DocumentFacts facts(LongFunction<Optional<String>> categories) {
        return new DocumentFacts() {
            @Override
            public Optional<String> category(long productId) {
                return categories.apply(productId);
            }

            @Override
            public OptionalInt cluster(long productId) {
                return clusters.isResolvable() ? clusters.get().clusterOf(productId) : OptionalInt.empty();
            }
        };
    }

    public void save(LiveIndex index) {
        try {
            index.save(file);
        } catch (RuntimeException e) {
            LOG.warnf("Could not save the ANN index: %s", e.getMessage());
        }
    }

    /** The FAISS factory description for the configured backend and catalogue size. */
    String factory(int vectors) {
        return switch (config.ann()) {
            case "auto" -> vectors < AUTO_COMPRESSED_FROM ? "HNSW" + config.hnswM() : ivfLists(vectors) + ",SQ8";
            case "faiss-flat" -> "Flat";
            case "faiss-ivf" -> vectors < IVF_MIN_VECTORS ? "Flat" : ivfLists(vectors) + ",Flat";
            case "faiss-ivf-sq8" -> vectors < IVF_MIN_VECTORS ? "Flat" : ivfLists(vectors) + ",SQ8";
            case "faiss-hnsw-sq8" -> "HNSW" + config.hnswM() + "_SQ8";
            default -> "HNSW" + config.hnswM();
        };
    }

    /** sqrt(n) inverted lists (at least 16): FAISS's rule of thumb, a list holds about as many vectors as there are lists. */
    private static String ivfLists(int vectors) {
        return "IVF" + Math.max(16, (int) Math.sqrt(vectors));
    }

    /**
     * Whether a saved index can serve where {@code wanted} would be built: the same description, or IVF of the same
     * codes whose list count is within a factor two of the one wanted (sqrt(n) moves with every product added, and a
     * rebuild at each start for that would cost a minute at 1M for nothing the recall check does not already catch).
     */
    static boolean sameLayout(String saved, String wanted) {
        if (saved.equals(wanted)) {
            return true;
        }
        var ivf = java.util.regex.Pattern.compile("faiss:IVF(\\d+),(.+)");
        var a = ivf.matcher(saved);
        var b = ivf.matcher(wanted);
        if (!a.matches() || !b.matches() || !a.group(2).equals(b.group(2))) {
            return false;
        }
        double ratio = Double.parseDouble(a.group(1)) / Double.parseDouble(b.group(1));
        return ratio >= 0.5 && ratio <= 2.0;
    }

    /** {@code app.index.build-threads}, 0 meaning one per core. */
    int buildThreads() {
        return config.buildThreads() > 0 ? config.buildThreads() : Runtime.getRuntime().availableProcessors();
    }

    private boolean usable() {
        String reason = unavailableReason();
        if (reason != null && !warned) {
            warned = true;
            LOG.warnf("No approximate index: %s. Searches with mode=ann are answered by the exact index.", reason);
        }
        return reason == null;
    }

    private static void reconcile(VectorIndex index, List<StoredVector> stored) {
        Set<Long> wanted = new HashSet<>();
        for (StoredVector v : stored) {
            wanted.add(v.productId());
            index.add(v.productId(), v.vector());
        }
        for (long id : index.ids()) {
            if (!wanted.contains(id)) {
                index.remove(id);
            }
        }
    }
}
