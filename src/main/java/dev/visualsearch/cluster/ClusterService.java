package dev.visualsearch.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visualsearch.catalog.ProductDeleted;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.ActiveModel;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.embedding.EmbeddingRepository;
import dev.visualsearch.embedding.EmbeddingStamp;
import dev.visualsearch.embedding.EmbeddingStored;
import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.ClusterMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Clusters the active model's vectors (the pipeline's {@code cluster} job), stores the run with its provenance and
 * keeps the active clustering in memory for cluster-first search. Products added later join their nearest cluster;
 * deleted ones leave it. The previous clustering serves until a new run has been stored.
 */
@ApplicationScoped
public class ClusterService implements ClusterMembership {

    private static final Logger LOG = Logger.getLogger(ClusterService.class);

    /** What a clustering run produced. */
    public record Result(long runId, int k, Double silhouette, int vectors, ClusterAgreement agreement) {
    }

    private final ClusterConfig config;
    private final ClusterRepository repository;
    private final EmbeddingRepository embeddings;
    private final ActiveModel model;
    private final ObjectMapper json;
    private final Event<ClusterMembership.Replaced> replaced;
    private volatile ActiveClusters active;
    /** Products embedded while a run works on its snapshot; assigned once the new clustering is active. */
    private final Map<Long, float[]> lateArrivals = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;

    public ClusterService(ClusterConfig config, ClusterRepository repository, EmbeddingRepository embeddings,
                          ActiveModel model, ObjectMapper json, Event<ClusterMembership.Replaced> replaced) {
        this.config = config;
        this.repository = repository;
        this.embeddings = embeddings;
        this.model = model;
        this.json = json;
        this.replaced = replaced;
    }

    /** Reads the active model's active clustering from the database (at start-up and after a run). */
    public void reload() {
        String modelId = model.id();
        active = BlockingDatabase.await(() -> repository.loadActive(modelId));
    }

    /** The clustering that cluster-first search uses, if the active model has one. */
    public Optional<ActiveClusters> active() {
        ActiveClusters current = active;
        return current != null && current.modelId().equals(model.id()) ? Optional.of(current) : Optional.empty();
    }

    @Override
    public OptionalInt clusterOf(long productId) {
        return active().map(clusters -> clusters.clusterOf(productId)).orElse(OptionalInt.empty());
    }

    /** The candidates of a cluster-first search (see {@link ActiveClusters#select}), if there are clusters. */
    public Optional<ActiveClusters.Selection> candidatesNear(float[] query, int k, Candidates filter) {
        return active().map(clusters -> clusters.select(query, config.searchMinClusters(),
                config.searchCandidateFactor() * k, filter));
    }

    /** Runs a clustering over every stored vector of the active model. Blocking: call from a worker thread. */
    public Result run(Progress progress) {
        Instant started = Instant.now();
        String modelId = model.id();
        running = true;
        lateArrivals.clear();
        try {
            EmbeddingStamp stamp = BlockingDatabase.await(() -> embeddings.stamp(modelId));
            List<StoredVector> stored = BlockingDatabase.await(() -> embeddings.all(modelId));
            if (stored.size() < 2) {
                throw new IllegalStateException("Clustering needs at least 2 embedded products; " + stored.size()
                        + " found for model " + modelId + " (run the embed job first)");
            }
            float[][] vectors = stored.stream().map(StoredVector::vector).toArray(float[][]::new);
            KMeansClusterer clusterer = new KMeansClusterer(config.seed(), config.iterations());
            KMeansClusterer.Choice choice = choose(clusterer, vectors, progress);
            progress.report(0.85, "Fitting k-means with k=" + choice.k() + " on " + vectors.length + " vectors");
            KMeansClusterer.Fit fit = clusterer.fit(vectors, choice.k());
            Map<Long, String> titles = BlockingDatabase.await(repository::titles);
            List<ClusterRepository.NewCluster> clusters = describe(stored, fit, titles);
            ClusterAgreement agreement = ClusterAgreement.of(
                    IntStream.of(fit.assignments()).boxed().toList(),
                    stored.stream().map(StoredVector::category).toList());
            Instant finished = Instant.now();
            ClusterRepository.NewRun run = new ClusterRepository.NewRun(modelId, fit.k(), config.seed(),
                    choice.criterion(), choice.silhouette(), stamp,
                    provenance(modelId, choice, fit, agreement, stored.size(), started, finished), started, finished);
            long[] ids = stored.stream().mapToLong(StoredVector::productId).toArray();
            long runId = BlockingDatabase.await(() -> repository.saveActive(run, clusters, ids, fit.assignments()));
            ActiveClusters fresh = new ActiveClusters(runId, modelId, fit.centroids());
            for (int i = 0; i < ids.length; i++) {
                fresh.put(ids[i], fit.assignments()[i]);
            }
            active = fresh;
            running = false;
            assignLateArrivals(fresh);
            Map<Long, Integer> assignments = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                assignments.put(ids[i], fit.assignments()[i]);
            }
            replaced.fire(new ClusterMembership.Replaced(modelId, runId, assignments));
            LOG.infof("Clustering run %d: %d clusters of %d vectors (%s), silhouette %s, NMI %.3f, ARI %.3f",
                    runId, fit.k(), ids.length, choice.criterion(), choice.silhouette(), agreement.nmi(),
                    agreement.ari());
            return new Result(runId, fit.k(), choice.silhouette(), ids.length, agreement);
        } finally {
            running = false;
            lateArrivals.clear();
        }
    }

    private KMeansClusterer.Choice choose(KMeansClusterer clusterer, float[][] vectors,
                                          Progress progress) {
        if (config.k().isPresent()) {
            int k = Math.min(config.k().getAsInt(), vectors.length);
            return new KMeansClusterer.Choice(k, null, "configured (app.cluster.k=" + config.k().getAsInt() + ")",
                    List.of());
        }
        progress.report(0.0, "Choosing k by silhouette");
        return clusterer.choose(vectors, config.kMin(), config.kMax(), config.kStep(), config.silhouetteSample(),
                config.selectionSample(), done -> progress.report(0.8 * done, "Choosing k by silhouette"));
    }

    private List<ClusterRepository.NewCluster> describe(List<StoredVector> stored, KMeansClusterer.Fit fit,
                                                        Map<Long, String> titles) {
        List<ClusterRepository.NewCluster> clusters = new ArrayList<>();
        for (int c = 0; c < fit.k(); c++) {
            int cluster = c;
            float[] centroid = fit.centroids()[c];
            List<Integer> members = IntStream.range(0, stored.size()).filter(i -> fit.assignments()[i] == cluster)
                    .boxed().toList();
            long[] representatives = members.stream()
                    .sorted(Comparator.comparingDouble(i -> Silhouette.squaredDistance(stored.get(i).vector(),
                            centroid)))
                    .limit(config.representatives()).mapToLong(i -> stored.get(i).productId()).toArray();
            String label = ClusterLabeler.label(members.stream().map(i -> stored.get(i).category()).toList(),
                    members.stream().map(i -> titles.getOrDefault(stored.get(i).productId(), "")).toList());
            clusters.add(new ClusterRepository.NewCluster(c, members.size(), label, centroid, representatives));
        }
        return clusters;
    }

    private String provenance(String modelId, KMeansClusterer.Choice choice, KMeansClusterer.Fit fit,
                              ClusterAgreement agreement, int vectors, Instant started, Instant finished) {
        ObjectNode node = json.createObjectNode();
        node.put("algorithm", "k-means (Tribuo KMeansTrainer, k-means++ init, L2 distance, 1 thread)");
        node.put("modelId", modelId);
        node.put("k", fit.k());
        node.put("seed", config.seed());
        node.put("iterations", config.iterations());
        node.put("vectors", vectors);
        node.put("criterion", choice.criterion());
        if (choice.silhouette() != null) {
            node.put("silhouette", choice.silhouette());
        }
        var candidates = node.putArray("candidates");
        choice.candidates().forEach(c -> candidates.addObject().put("k", c.k()).put("silhouette", c.silhouette()));
        node.put("nmiVsCategory", agreement.nmi());
        node.put("ariVsCategory", agreement.ari());
        node.put("startedAt", started.toString());
        node.put("finishedAt", finished.toString());
        node.put("tookMs", finished.toEpochMilli() - started.toEpochMilli());
        node.put("tribuo", fit.provenance());
        return node.toString();
    }

    void onEmbeddingStored(@Observes EmbeddingStored event) {
        if (running) {
            lateArrivals.put(event.productId(), event.vector());
        }
        ActiveClusters current = active;
        if (current != null && current.modelId().equals(event.modelId())) {
            assign(current, event.productId(), event.vector());
        }
    }

    void onProductDeleted(@Observes ProductDeleted event) {
        lateArrivals.remove(event.productId());
        ActiveClusters current = active;
        if (current != null) {
            current.remove(event.productId());
        }
    }

    private void assignLateArrivals(ActiveClusters clusters) {
        lateArrivals.forEach((id, vector) -> assign(clusters, id, vector));
    }

    /** New products join their nearest cluster at once; the row is updated in the background. */
    private void assign(ActiveClusters clusters, long productId, float[] vector) {
        int cluster = clusters.nearest(vector);
        clusters.put(productId, cluster);
        repository.assign(productId, cluster).subscribe().with(ignored -> { },
                failure -> LOG.warnf("Product %d not marked as a member of cluster %d: %s", productId, cluster,
                        failure.getMessage()));
    }
}
