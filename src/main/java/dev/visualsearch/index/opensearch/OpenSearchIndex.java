package dev.visualsearch.index.opensearch;

import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.IndexDescriptor;
import dev.visualsearch.index.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * One physical OpenSearch index of one model (Lucene HNSW, cosine), shaped by the index template {@code <alias>}.
 * A new index is written under its own name while it is built; {@link #goLive()} then moves the alias to it in one
 * atomic request and drops the indexes that held it, so searches (through the alias, on every service instance)
 * never see a half-built index. Once live, reads and writes go through the alias.
 * <p>
 * Lucene scores a cosine match as {@code (1 + cos) / 2}; hits are mapped back to the cosine the other backends give.
 */
public final class OpenSearchIndex implements VectorIndex {

    /** Recall measured against the exact index (OpenSearch's search depth is set in its mapping, not tuned here). */
    private volatile dev.visualsearch.index.SearchDepth depth;

    /** Bumped when the document or mapping shape changes; an index of another format is rebuilt. */
    static final int FORMAT_VERSION = 1;
    private static final String VECTOR = "vector";
    private static final int WRITE_ATTEMPTS = 4;
    /** How long a load waits for its replicas to be copied (seconds at 100k vectors, about a minute at 1M). */
    private static final Duration REPLICA_WAIT = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(OpenSearchIndex.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final OpenSearchClient client;
    private final OpenSearchConfig config;
    private final IndexDescriptor descriptor;
    private final String physical;
    private final DocumentFacts facts;
    private volatile boolean live;

    private OpenSearchIndex(OpenSearchClient client, OpenSearchConfig config, String modelId, int dimension,
                            String physical, DocumentFacts facts, boolean live) {
        this.client = client;
        this.config = config;
        this.descriptor = new IndexDescriptor("opensearch:lucene-hnsw" + config.m(), modelId, dimension,
                IndexDescriptor.COSINE);
        this.physical = physical;
        this.facts = facts;
        this.live = live;
    }

    /**
     * Creates a new, empty physical index for the model (not yet live). Refreshes are off and it has no replicas until
     * it is loaded: a bulk load then builds each HNSW graph once, on the primary, and the replicas copy the finished
     * segments (building them twice would double a rebuild's CPU time). A node lost meanwhile costs only this rebuild;
     * the live index and the embeddings table, its source, are untouched.
     */
    public static OpenSearchIndex create(OpenSearchClient client, OpenSearchConfig config, String modelId,
                                         int dimension, DocumentFacts facts) {
        String name = config.alias() + "-" + LocalDateTime.now().format(STAMP) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        call(() -> {
            IndexTemplate.put(client, config, dimension);
            return client.indices().create(c -> c.index(name)
                    .settings(s -> s.refreshInterval(t -> t.time("-1")).numberOfReplicas(0))
                    .mappings(m -> m.meta("model_id", JsonData.of(modelId))
                            .meta("dimension", JsonData.of(dimension))
                            .meta("format_version", JsonData.of(FORMAT_VERSION))));
        });
        return new OpenSearchIndex(client, config, modelId, dimension, name, facts, false);
    }

    /**
     * The index the alias points at, if it was built for this model, dimension and format and holds
     * {@code expectedCount} documents (the stored vectors); otherwise empty and the caller builds a new one.
     */
    public static Optional<OpenSearchIndex> attach(OpenSearchClient client, OpenSearchConfig config, String modelId,
                                                   int dimension, long expectedCount, DocumentFacts facts) {
        return call(() -> {
            Set<String> holders = holders(client, config.alias());
            if (holders.size() != 1) {
                return Optional.empty();
            }
            String name = holders.iterator().next();
            TypeMapping mapping = client.indices().getMapping(g -> g.index(name)).result().get(name).mappings();
            Map<String, JsonData> meta = mapping.meta();
            if (!modelId.equals(text(meta.get("model_id"))) || !String.valueOf(dimension).equals(text(meta.get("dimension")))
                    || !String.valueOf(FORMAT_VERSION).equals(text(meta.get("format_version")))) {
                return Optional.empty();
            }
            OpenSearchIndex index = new OpenSearchIndex(client, config, modelId, dimension, name, facts, true);
            client.indices().refresh(r -> r.index(name));
            return index.size() == expectedCount ? Optional.of(index) : Optional.empty();
        });
    }

    private static String text(JsonData value) {
        return value == null ? null : value.toJson().toString().replace("\"", "");
    }

    static Set<String> holders(OpenSearchClient client, String alias) throws IOException {
        if (!client.indices().existsAlias(e -> e.name(alias)).value()) {
            return Set.of();
        }
        return client.indices().getAlias(g -> g.name(alias)).result().keySet();
    }

    /**
     * Bulk-loads the stored vectors (a new index only), then turns refreshes on, adds the configured replicas and
     * waits until they are copied (green), where the cluster has enough data nodes to hold them; otherwise (a node is
     * down) it goes on with the primaries alone (yellow) and the cluster allocates the replicas when nodes return.
     */
    public void load(List<StoredVector> stored, Progress progress) {
        int batch = Math.max(1, config.bulkSize());
        for (int from = 0; from < stored.size(); from += batch) {
            List<StoredVector> slice = stored.subList(from, Math.min(stored.size(), from + batch));
            List<BulkOperation> operations = new ArrayList<>(slice.size());
            for (StoredVector v : slice) {
                Map<String, Object> document = document(v.productId(), Optional.ofNullable(v.category()), v.vector());
                operations.add(BulkOperation.of(o -> o.index(i -> i.id(Long.toString(v.productId()))
                        .document(document))));
            }
            BulkResponse response = call(() -> client.bulk(b -> b.index(physical).operations(operations)));
            if (response.errors()) {
                String reason = response.items().stream().filter(item -> item.error() != null).findFirst()
                        .map(item -> item.error().reason()).orElse("unknown");
                throw new IllegalStateException("OpenSearch bulk load of " + physical + " failed: " + reason);
            }
            progress.report((double) (from + slice.size()) / Math.max(1, stored.size()),
                    "OpenSearch: " + (from + slice.size()) + " of " + stored.size() + " vectors loaded");
        }
        call(() -> {
            client.indices().putSettings(p -> p.index(physical).settings(s -> s.refreshInterval(t -> t.time("1s"))
                    .numberOfReplicas(config.replicas())));
            return client.indices().refresh(r -> r.index(physical));
        });
        boolean replicasFit = dataNodes() > config.replicas();
        awaitHealth(replicasFit ? HealthStatus.Green : HealthStatus.Yellow,
                replicasFit ? REPLICA_WAIT : Duration.ofMinutes(1));
    }

    private int dataNodes() {
        return call(() -> client.cluster().health(h -> h.index(physical)).numberOfDataNodes());
    }

    /**
     * Polls the index's health until it reaches the status (a health request that waits itself answers 408 when
     * it times out, and one long wait would outlast the client's socket timeout); past the limit it logs and goes
     * on: the primaries answer, and the cluster keeps copying the replicas.
     */
    private void awaitHealth(HealthStatus wanted, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        HealthStatus status = health();
        while (!(status == HealthStatus.Green || status == wanted)) {
            if (System.nanoTime() > deadline) {
                LOG.warnf("OpenSearch index %s is %s, not %s, %s after its load; going on", physical, status, wanted,
                        limit);
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            status = health();
        }
    }

    private HealthStatus health() {
        return call(() -> client.cluster().health(h -> h.index(physical)).status());
    }

    /**
     * Makes this index the one the alias names, in one atomic alias update, then deletes the indexes that held it.
     * Called once, when it replaces the live index (or becomes the first).
     */
    @Override
    public void goLive() {
        if (live) {
            return;
        }
        call(() -> {
            Set<String> previous = holders(client, config.alias());
            client.indices().updateAliases(u -> {
                previous.forEach(old -> u.actions(a -> a.remove(r -> r.index(old).alias(config.alias()))));
                return u.actions(a -> a.add(r -> r.index(physical).alias(config.alias())));
            });
            live = true;
            for (String old : previous) {
                if (!old.equals(physical)) {
                    dropReplaced(old);
                }
            }
            return null;
        });
    }

    /**
     * Deletes an index the alias no longer names. Its failure does not undo the switch, which has happened: in the
     * benchmark, deleting a million-vector index on 2 cores outlasted the client's 30 s timeout.
     */
    private void dropReplaced(String old) {
        try {
            client.indices().delete(d -> d.index(old).ignoreUnavailable(true));
        } catch (IOException | OpenSearchException e) {
            LOG.warnf("Alias %s now names %s, but deleting the replaced index %s failed (%s): check that it is gone "
                    + "(GET _cat/indices/%s-*)", config.alias(), physical, old, e.getMessage(), config.alias());
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** The physical index name (the alias's target once live). */
    public String physicalName() {
        return physical;
    }

    private String target() {
        return live ? config.alias() : physical;
    }

    @Override
    public IndexDescriptor descriptor() {
        return descriptor;
    }

    /** Searchable documents (those refreshed; single adds and removes refresh at once). */
    @Override
    public int size() {
        return (int) call(() -> client.count(c -> c.index(target()))).count();
    }

    /**
     * Writes one document and refreshes its shard at once, so that the next search on any instance sees it
     * (waiting for the periodic refresh would cost up to a second per product in the embed job). Many single writes
     * make small segments, which OpenSearch merges in the background; full builds use the bulk API instead.
     */
    @Override
    public void add(long id, float[] vector) {
        Map<String, Object> document = document(id, facts.category(id), vector);
        retried(() -> client.index(i -> i.index(target()).id(Long.toString(id)).document(document)
                .refresh(Refresh.True)));
    }

    @Override
    public boolean remove(long id) {
        try {
            return retried(() -> client.delete(d -> d.index(target()).id(Long.toString(id)).refresh(Refresh.True)))
                    .result() == org.opensearch.client.opensearch._types.Result.Deleted;
        } catch (OpenSearchException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Sets the cluster field of many documents (after a clustering run); bulk partial updates. */
    public void updateClusters(Map<Long, Integer> clusters) {
        List<BulkOperation> operations = new ArrayList<>();
        for (Map.Entry<Long, Integer> entry : clusters.entrySet()) {
            operations.add(BulkOperation.of(o -> o.update(u -> u.id(Long.toString(entry.getKey()))
                    .document(Map.of("cluster", entry.getValue())))));
            if (operations.size() == config.bulkSize()) {
                bulkUpdate(List.copyOf(operations));
                operations.clear();
            }
        }
        if (!operations.isEmpty()) {
            bulkUpdate(operations);
        }
    }

    private void bulkUpdate(List<BulkOperation> operations) {
        // Documents deleted since the clustering answer 404 here; that is expected, not an error.
        call(() -> client.bulk(b -> b.index(target()).operations(operations)));
    }

    @Override
    public List<dev.visualsearch.index.Hit> search(float[] query, int k, Candidates filter) {
        List<Float> vector = new ArrayList<>(query.length);
        for (float value : query) {
            vector.add(value);
        }
        Optional<Query> restriction = restriction(filter);
        SearchResponse<Void> response = call(() -> client.search(s -> s.index(target()).size(k)
                .source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false))
                .query(q -> q.knn(knn -> {
                    knn.field(VECTOR).vector(vector).k(Math.max(k, config.efSearch()));
                    restriction.ifPresent(knn::filter);
                    return knn;
                })), Void.class));
        List<dev.visualsearch.index.Hit> hits = new ArrayList<>(k);
        for (Hit<Void> hit : response.hits().hits()) {
            hits.add(new dev.visualsearch.index.Hit(Long.parseLong(hit.id()), (float) (2 * hit.score() - 1)));
        }
        return hits;
    }

    private static Optional<Query> restriction(Candidates filter) {
        if (filter == null) {
            return Optional.empty();
        }
        if (filter.category().isPresent()) {
            String category = filter.category().get();
            return Optional.of(Query.of(q -> q.term(t -> t.field("category").value(FieldValue.of(category)))));
        }
        List<FieldValue> ids = new ArrayList<>(filter.size());
        for (long id : filter.sortedIds()) {
            ids.add(FieldValue.of(id));
        }
        return Optional.of(Query.of(q -> q.terms(t -> t.field("product_id").terms(v -> v.value(ids)))));
    }

    @Override
    public long[] ids() {
        List<Long> ids = new ArrayList<>();
        List<FieldValue> after = new ArrayList<>();
        while (true) {
            List<FieldValue> from = List.copyOf(after);
            SearchResponse<Void> page = call(() -> client.search(s -> {
                s.index(target()).size(5000).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false))
                        .sort(o -> o.field(f -> f.field("product_id").order(SortOrder.Asc)));
                if (!from.isEmpty()) {
                    s.searchAfter(from);
                }
                return s;
            }, Void.class));
            if (page.hits().hits().isEmpty()) {
                return ids.stream().mapToLong(Long::longValue).toArray();
            }
            for (Hit<Void> hit : page.hits().hits()) {
                ids.add(Long.parseLong(hit.id()));
            }
            after = page.hits().hits().get(page.hits().hits().size() - 1).sort();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<float[]> vector(long id) {
        var response = call(() -> client.get(g -> g.index(target()).id(Long.toString(id)).sourceIncludes(VECTOR),
                Map.class));
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        List<Number> values = (List<Number>) response.source().get(VECTOR);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i).floatValue();
        }
        return Optional.of(vector);
    }

    /** The cluster keeps the index; nothing to write locally. */
    @Override
    public void save(Path file) {
    }

    /** The client belongs to the service; a replaced index was deleted by {@link #goLive()} of its successor. */
    @Override
    public void close() {
    }

    private Map<String, Object> document(long id, Optional<String> category, float[] vector) {
        Map<String, Object> document = new HashMap<>();
        document.put("product_id", id);
        category.ifPresent(c -> document.put("category", c));
        facts.cluster(id).ifPresent(c -> document.put("cluster", c));
        document.put("model_id", descriptor.modelId());
        document.put(VECTOR, vector);
        return document;
    }

    /**
     * A single-document write, retried (it is idempotent: same id, same document) when it fails for a reason other
     * than the request itself. Seen in tests: right after a data node dies, the primary reports the replica's
     * failure in the response in a shape the Java client cannot read, although the write was applied.
     */
    private static <T> T retried(Request<T> request) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            try {
                return call(request);
            } catch (OpenSearchException e) {
                if (e.status() >= 400 && e.status() < 500) {
                    throw e;
                }
                last = e;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(250L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw last;
    }

    /** A request whose IOException (the cluster unreachable) becomes unchecked, like the other backends' errors. */
    static <T> T call(Request<T> request) {
        try {
            return request.run();
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch request failed: " + e.getMessage(), e);
        }
    }

    interface Request<T> {
        T run() throws IOException;
    }

    @Override
    public void useDepth(dev.visualsearch.index.SearchDepth measured) {
        depth = measured;
    }

    @Override
    public Optional<dev.visualsearch.index.SearchDepth> searchDepth() {
        return Optional.ofNullable(depth);
    }
}
