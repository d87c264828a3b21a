package dev.visualsearch.index.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.LiveIndex;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.support.OpenSearchCluster;
import dev.visualsearch.support.SampleEmbeddings;
import dev.visualsearch.support.TestOpenSearchConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;

/**
 * The OpenSearch backend against a real 2-node cluster: recall against the exact backend on vectors drawn around
 * real embeddings at the shipped settings, the category filter, add/delete visibility, the alias swap under
 * concurrent searches, a data node killed and brought back, and a load that returns with its replica copied.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchIndexIT {

    private static final String MODEL = "inception-mixed6";
    private static final int DIM = SampleEmbeddings.DIM;
    private static final int SIZE = 5_000;
    private static final String RARE = "rare";

    private static OpenSearchCluster cluster;
    private static OpenSearchClient client;
    private static TestOpenSearchConfig config;
    private static List<StoredVector> stored;
    private static final Map<Long, String> CATEGORIES = new ConcurrentHashMap<>();
    private static ExactIndex exact;
    private static LiveIndex live;

    @BeforeAll
    static void loadVectorsAroundRealEmbeddings() {
        cluster = OpenSearchCluster.shared();
        config = new TestOpenSearchConfig(cluster.hosts(), "vps-it-index", 1);
        client = OpenSearchClients.create(config);
        float[][] vectors = SampleEmbeddings.around(SampleEmbeddings.real(), SIZE, 0.5, 7);
        stored = new ArrayList<>();
        exact = new ExactIndex(MODEL, DIM, SIZE + 100);
        for (int i = 0; i < SIZE; i++) {
            long id = i + 1;
            // Every 50th product is in a small category, for the filter test.
            String category = i % 50 == 0 ? RARE : "category-" + (i % 7);
            CATEGORIES.put(id, category);
            stored.add(new StoredVector(id, category, vectors[i]));
            exact.add(id, vectors[i]);
        }
        live = new LiveIndex(build());
        assertEquals(SIZE, live.size());
    }

    @AfterAll
    static void closeClient() throws Exception {
        if (client != null) {
            client._transport().close();
        }
    }

    private static OpenSearchIndex build() {
        OpenSearchIndex index = OpenSearchIndex.create(client, config, MODEL, DIM, facts());
        index.load(stored, Progress.IGNORED);
        cluster.awaitHealth("green", 2, 120);
        return index;
    }

    private static DocumentFacts facts() {
        return new DocumentFacts() {
            @Override
            public Optional<String> category(long productId) {
                return Optional.ofNullable(CATEGORIES.get(productId));
            }

            @Override
            public OptionalInt cluster(long productId) {
                return OptionalInt.of((int) (productId % 5));
            }
        };
    }

    @Test
    @Order(1)
    void recallAt10AgainstTheExactBackendIsAtLeast95PercentAtTheShippedSettings() {
        float[][] queries = SampleEmbeddings.around(SampleEmbeddings.real(), 200, 0.5, 99);
        double found = 0;
        for (float[] query : queries) {
            Set<Long> truth = new HashSet<>();
            exact.search(query, 10, null).forEach(hit -> truth.add(hit.id()));
            List<Hit> hits = live.search(query, 10, null);
            assertEquals(10, hits.size());
            found += hits.stream().filter(hit -> truth.contains(hit.id())).count();
            // Scores are cosines, as the other backends give (Lucene's (1 + cos) / 2 mapped back).
            float cosine = exact.search(query, 1, null).get(0).score();
            if (hits.get(0).id() == exact.search(query, 1, null).get(0).id()) {
                assertEquals(cosine, hits.get(0).score(), 1e-3);
            }
        }
        double recall = found / (queries.length * 10.0);
        System.out.printf("OpenSearch Lucene HNSW m16 ef_search100, 5k vectors: recall@10 %.3f%n", recall);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    @Order(2)
    void theCategoryFilterReturnsKResultsAllFromTheCategory() {
        long[] rare = CATEGORIES.entrySet().stream().filter(e -> e.getValue().equals(RARE))
                .mapToLong(Map.Entry::getKey).toArray();
        Candidates filter = Candidates.ofCategory(RARE, rare);
        float[] query = stored.get(1).vector(); // not itself in the rare category
        List<Hit> hits = live.search(query, 10, filter);
        assertEquals(10, hits.size());
        hits.forEach(hit -> assertEquals(RARE, CATEGORIES.get(hit.id())));
        List<Long> expected = exact.search(query, 10, filter).stream().map(Hit::id).toList();
        assertEquals(expected, hits.stream().map(Hit::id).toList(), "a filter this narrow is searched exactly");
        // A plain id list (cluster-first candidates) filters too.
        List<Hit> byIds = live.search(query, 5, Candidates.of(LongStream.rangeClosed(1, 40).toArray()));
        assertEquals(5, byIds.size());
        byIds.forEach(hit -> assertTrue(hit.id() <= 40));
    }

    @Test
    @Order(3)
    void addsAndDeletesAreVisibleToTheNextSearch() {
        long id = 900_001;
        float[] vector = SampleEmbeddings.around(SampleEmbeddings.real(), 1, 0.01, 5)[0];
        CATEGORIES.put(id, "new");
        live.add(id, vector);
        assertEquals(id, live.search(vector, 1, null).get(0).id());
        assertEquals(vector.length, live.vector(id).orElseThrow().length);
        assertTrue(live.remove(id));
        assertFalse(live.search(vector, 10, null).stream().anyMatch(hit -> hit.id() == id));
        assertFalse(live.remove(id), "removing an absent id says so");
        CATEGORIES.remove(id);
    }

    @Test
    @Order(4)
    void aRebuildSwapsTheAliasWhileSearchesRunWithoutAnError() throws Exception {
        String before = ((OpenSearchIndex) live.read(index -> index)).physicalName();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        List<Throwable> errors = new ArrayList<>();
        float[][] queries = SampleEmbeddings.around(SampleEmbeddings.real(), 20, 0.5, 3);
        List<Thread> searchers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        List<Hit> hits = live.search(queries[i++ % queries.length], 10, null);
                        if (hits.size() != 10) {
                            throw new AssertionError("a search during the swap returned " + hits.size() + " hits");
                        }
                        searches.incrementAndGet();
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                }
            });
            thread.start();
            searchers.add(thread);
        }
        live.swap(build());
        Thread.sleep(1000);
        running.set(false);
        for (Thread thread : searchers) {
            thread.join();
        }
        assertTrue(errors.isEmpty(), "errors during the swap: " + errors);
        assertTrue(searches.get() > 10, "searches ran during the rebuild: " + searches.get());
        String after = ((OpenSearchIndex) live.read(index -> index)).physicalName();
        assertFalse(before.equals(after));
        assertEquals(Set.of(after), OpenSearchIndex.holders(client, config.alias()));
        assertFalse(client.indices().exists(e -> e.index(before)).value(), "the replaced index was deleted");
        assertEquals(SIZE, live.size());
    }

    @Test
    @Order(5)
    void killingADataNodeKeepsSearchesAnsweringFromTheReplicaAndLosesNoDocument() throws Exception {
        float[] query = stored.get(3).vector();
        List<Long> expected = live.search(query, 10, null).stream().map(Hit::id).toList();
        cluster.kill(2);
        List<Long> during = live.search(query, 10, null).stream().map(Hit::id).toList();
        assertEquals(expected, during, "the surviving node answers with the same results");
        long id = 900_002;
        CATEGORIES.put(id, "new");
        live.add(id, stored.get(3).vector());
        cluster.restart(2);
        cluster.awaitHealth("green", 2, 120);
        assertEquals(SIZE + 1, live.size(), "every document is there after the node returned");
        assertEquals(SIZE + 1, live.read(index -> index.ids()).length);
        assertTrue(live.remove(id));
    }

    @Test
    @Order(6)
    void aLoadReturnsOnceTheReplicaHasCopiedThePrimary() throws Exception {
        // The load builds the graph on the primary alone (no replica), then adds the replica and waits for it.
        OpenSearchIndex index = OpenSearchIndex.create(client, config, MODEL, DIM, facts());
        String name = index.physicalName();
        assertEquals(0, (int) client.indices().getSettings(g -> g.index(name)).result().get(name).settings().index()
                .numberOfReplicas(), "no replica while the load runs");
        index.load(stored.subList(0, 500), Progress.IGNORED);
        var health = client.cluster().health(h -> h.index(name));
        assertEquals(HealthStatus.Green, health.status());
        assertEquals(2, health.activeShards(), "primary and replica active when load returns");
        assertEquals(config.replicas(), (int) client.indices().getSettings(g -> g.index(name)).result()
                .get(name).settings().index().numberOfReplicas());
        assertEquals(500, index.size());
        client.indices().delete(d -> d.index(name));
    }
}
