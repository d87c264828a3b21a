package dev.visualsearch.bench;

import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.VectorIndex;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.index.opensearch.OpenSearchClients;
import dev.visualsearch.index.opensearch.OpenSearchConfig;
import dev.visualsearch.index.opensearch.OpenSearchIndex;
import dev.visualsearch.index.opensearch.DocumentFacts;
import dev.visualsearch.support.OpenSearchCluster;
import dev.visualsearch.support.SampleEmbeddings;
import dev.visualsearch.support.TestFiles;
import dev.visualsearch.support.TestOpenSearchConfig;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * {@code ./mvnw -Pbench verify -Dbench.mode=opensearch}: bulk ingest and one-at-a-time search on the 2-node test
 * cluster against in-process FAISS HNSW on the same vectors, at 100k vectors ({@code -Dbench.opensearch.sizes} for
 * others, e.g. 100000,1000000); {@code opensearch-quick} uses 20k. Memory per node from /proc and the index's size
 * on disk; queries per second with 4 clients at once as well as one. Writes target/bench/opensearch.json and the OpenSearch section of docs/performance.md.
 */
final class OpenSearchBench {

    private static final int DIM = SampleEmbeddings.DIM;
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 3;

    private OpenSearchBench() {
    }

    static void run(boolean quick) throws Exception {
        Machine machine = Machine.current();
        String sizes = System.getProperty("bench.opensearch.sizes", "");
        if (sizes.isBlank()) {
            sizes = quick ? "20000" : "100000";
        }
        System.out.println("OpenSearch vs FAISS (" + sizes + ") on " + machine.line());
        OpenSearchCluster cluster = OpenSearchCluster.shared();
        OpenSearchConfig config = new TestOpenSearchConfig(cluster.hosts(), "vps-bench", 1);
        OpenSearchClient client = OpenSearchClients.create(config);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> memory = new ArrayList<>();
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size.strip());
            int queries = 200;
            float[] flat = IndexBench.around(SampleEmbeddings.real(), n, 11);
            float[] queryVectors = IndexBench.around(SampleEmbeddings.real(), queries, 12);
            long[] ids = new long[n];
            ExactIndex exact = new ExactIndex("bench", DIM, n);
            for (int i = 0; i < n; i++) {
                ids[i] = i + 1;
                exact.add(ids[i], Arrays.copyOfRange(flat, i * DIM, (i + 1) * DIM));
            }
            List<Set<Long>> truth = new ArrayList<>();
            IndexBench.measure("exact", exact, queryVectors, queries, null, truth, 0, 0, n);
            exact.close(); // before the load: at a million vectors each copy of them is 3 GB of heap
            exact = null;
            System.gc(); // gives the freed heap back, so the nodes' index files get the page cache

            if (FaissNative.isAvailable()) {
                // Before the cluster's turn, so its row survives a cluster that fails at this size. Built on every
                // core, as the cluster's ingest was; searched on one thread, one query at a time.
                FaissNative.setThreads(Runtime.getRuntime().availableProcessors());
                long start = System.nanoTime();
                try (VectorIndex faiss = FaissIndex.build("HNSW32", "bench", DIM, ids, flat, 64, 16)) {
                    double build = (System.nanoTime() - start) / 1e9;
                    FaissNative.setThreads(1);
                    Map<String, Object> faissRow = IndexBench.measure("FAISS HNSW32 ef64 (in process)", faiss,
                            queryVectors, queries, truth, null, build, 0, n);
                    faissRow.put("ingestPerSecond", Math.round(n / build));
                    faissRow.put("qpsConcurrent", concurrentQps(faiss, queryVectors, queries));
                    rows.add(faissRow);
                }
            }

            long start = System.nanoTime();
            OpenSearchIndex index = OpenSearchIndex.create(client, config, "bench", DIM, noFacts());
            index.load(rows(flat, n), Progress.IGNORED);
            cluster.awaitHealth("green", 2, 600);
            index.goLive();
            double ingest = (System.nanoTime() - start) / 1e9;
            Map<String, Object> row = IndexBench.measure("OpenSearch Lucene HNSW m16 ef_search100 (2 nodes)", index,
                    queryVectors, queries, truth, null, ingest, 0, n);
            row.put("ingestPerSecond", Math.round(n / ingest));
            row.put("qpsConcurrent", concurrentQps(index, queryVectors, queries));
            rows.add(row);
            long storeBytes = storeBytes(client, index.physicalName());
            List<String> rss = cluster.pids().stream().map(pid -> TestFiles.rssMb(pid) + " MB").toList();
            memory.add(String.format("at %,d vectors the index takes %,d MB on disk with its replica (%d bytes per "
                    + "vector per copy); node resident memory %s", n, storeBytes >> 20, storeBytes / 2 / n, rss));
            drop(client, index.physicalName()); // its disk and page cache are the next size's room
        }
        client._transport().close();
        cluster.stop();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        results.put("version", "3.5.0");
        results.put("heap", OpenSearchCluster.heap());
        results.put("rows", rows);
        results.put("memory", String.join("; ", memory));
        BenchReport.writeJson("opensearch.json", results);
        BenchReport.writeOpenSearch(results, machine);
        System.out.println("Done: target/bench/opensearch.json, docs/performance.md");
    }

    /**
     * Queries per second with {@link #CLIENTS} clients searching at once, each query one k = 10 search, every query
     * vector asked {@link #ROUNDS} times: what the index serves when requests overlap, which one client cannot show.
     */
    private static double concurrentQps(VectorIndex index, float[] queryVectors, int queries) throws Exception {
        int total = queries * ROUNDS;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(CLIENTS);
        try {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        int query = i % queries;
                        index.search(Arrays.copyOfRange(queryVectors, query * DIM, (query + 1) * DIM), 10, null);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> client : clients) {
                client.get();
            }
            double qps = total / ((System.nanoTime() - start) / 1e9);
            System.out.printf("  %d clients: %.1f QPS%n", CLIENTS, qps);
            return Stats.round(qps, 1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The vectors as stored rows, made one at a time as the load reads them (no second copy of them all). */
    private static List<StoredVector> rows(float[] flat, int n) {
        return new AbstractList<>() {
            @Override
            public StoredVector get(int i) {
                return new StoredVector(i + 1L, "c" + (i % 7), Arrays.copyOfRange(flat, i * DIM, (i + 1) * DIM));
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /**
     * Deletes the index, waiting for it to go: at a million vectors the delete outlasted the client's 30 s timeout on
     * 2 cores, which ended the run before it wrote its results.
     */
    private static void drop(OpenSearchClient client, String index) throws Exception {
        try {
            client.indices().delete(d -> d.index(index));
        } catch (java.io.IOException timedOut) {
            System.out.println("  delete of " + index + " still running (" + timedOut.getMessage() + "), waiting");
        }
        for (int i = 0; i < 120 && client.indices().exists(e -> e.index(index)).value(); i++) {
            Thread.sleep(5_000);
        }
    }

    private static long storeBytes(OpenSearchClient client, String index) throws Exception {
        return client.indices().stats(s -> s.index(index)).indices().get(index).total().store().sizeInBytes();
    }

    private static DocumentFacts noFacts() {
        return new DocumentFacts() {
            @Override
            public Optional<String> category(long productId) {
                return Optional.empty();
            }

            @Override
            public OptionalInt cluster(long productId) {
                return OptionalInt.empty();
            }
        };
    }
}
