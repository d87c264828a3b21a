package dev.visualsearch.index.faiss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.support.SampleEmbeddings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FAISS backend against the exact one on real embeddings (the sample catalogue) and on 5,000 vectors drawn
 * around them, at the shipped settings (HNSW32 with efSearch 64, IVF with sqrt(n) lists and nprobe 16).
 */
class FaissIndexTest {

    private static final int DIM = SampleEmbeddings.DIM;
    private static final float[][] REAL = SampleEmbeddings.real();
    private static final float[][] LARGE = SampleEmbeddings.around(REAL, 5_000, 0.5, 7);

    @BeforeAll
    static void requireFaiss() {
        assumeTrue(FaissNative.isAvailable(), "FAISS unavailable: " + FaissNative.unavailableReason());
    }

    /** An index of {@code rows} with ids 1..n, searching at efSearch 64 / nprobe 16 (shared with other tests here). */
    static FaissIndex faiss(String factory, float[][] rows) {
        long[] ids = new long[rows.length];
        float[] flat = new float[rows.length * DIM];
        for (int i = 0; i < rows.length; i++) {
            ids[i] = i + 1;
            System.arraycopy(rows[i], 0, flat, i * DIM, DIM);
        }
        return FaissIndex.build(factory, "m", DIM, ids, flat, 64, 16);
    }

    static ExactIndex exact(float[][] rows) {
        ExactIndex index = new ExactIndex("m", DIM);
        for (int i = 0; i < rows.length; i++) {
            index.add(i + 1, rows[i]);
        }
        return index;
    }

    private static double recallAt10(FaissIndex ann, ExactIndex exact, float[][] queries) {
        int found = 0;
        for (float[] q : queries) {
            Set<Long> truth = new HashSet<>();
            exact.search(q, 10, null).forEach(h -> truth.add(h.id()));
            found += (int) ann.search(q, 10, null).stream().filter(h -> truth.contains(h.id())).count();
        }
        return found / (10.0 * queries.length);
    }

    @Test
    void flatIsIdenticalToExactOnRealEmbeddings() {
        try (FaissIndex flat = faiss("Flat", REAL)) {
            ExactIndex exact = exact(REAL);
            for (int q = 0; q < REAL.length; q += 11) {
                List<Hit> expected = exact.search(REAL[q], 10, null);
                List<Hit> actual = flat.search(REAL[q], 10, null);
                assertEquals(expected.stream().map(Hit::id).toList(), actual.stream().map(Hit::id).toList());
                for (int i = 0; i < 10; i++) {
                    assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5);
                }
            }
        }
    }

    @Test
    void hnswAndIvfReachRecall95OnVectorsAroundRealOnes() {
        ExactIndex exact = exact(LARGE);
        float[][] queries = SampleEmbeddings.around(REAL, 200, 0.5, 99);
        int lists = (int) Math.sqrt(LARGE.length);
        try (FaissIndex hnsw = faiss("HNSW32", LARGE); FaissIndex ivf = faiss("IVF" + lists + ",Flat", LARGE)) {
            double hnswRecall = recallAt10(hnsw, exact, queries);
            double ivfRecall = recallAt10(ivf, exact, queries);
            System.out.printf("recall@10 on 5k vectors around real embeddings: HNSW32 ef64 %.3f, IVF%d nprobe16 %.3f%n", hnswRecall, lists,
                    ivfRecall);
            assertTrue(hnswRecall >= 0.95, "HNSW recall " + hnswRecall);
            assertTrue(ivfRecall >= 0.95, "IVF recall " + ivfRecall);
        }
    }

    @Test
    void removalsAreVisibleAtOnceInEveryBackend() {
        for (String factory : List.of("Flat", "HNSW32")) {
            try (FaissIndex index = faiss(factory, REAL)) {
                assertTrue(index.remove(1));
                assertTrue(index.search(REAL[0], 10, null).stream().noneMatch(h -> h.id() == 1), factory);
                assertEquals(REAL.length - 1, index.size());
                assertEquals(factory.equals("HNSW32") ? 1 : 0, index.tombstones());
                index.add(5000, REAL[0]);
                assertEquals(5000, index.search(REAL[0], 1, null).get(0).id(), factory);
            }
        }
    }

    @Test
    void categoryFilterReturnsOnlyCandidatesAndKOfThem() {
        try (FaissIndex hnsw = faiss("HNSW32", REAL)) {
            long[] allowed = new long[60];
            for (int i = 0; i < allowed.length; i++) {
                allowed[i] = 1 + i * 9L;
            }
            Candidates candidates = Candidates.of(allowed);
            List<Hit> hits = hnsw.search(REAL[100], 10, candidates);
            assertEquals(10, hits.size());
            assertTrue(hits.stream().allMatch(h -> candidates.contains(h.id())));
            assertEquals(exact(REAL).search(REAL[100], 10, candidates).stream().map(Hit::id).toList(),
                    hits.stream().map(Hit::id).toList(), "small filters are scanned exactly");
        }
    }

    @Test
    void saveAndLoadKeepResultsAndTombstones(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ann");
        List<Hit> before;
        try (FaissIndex hnsw = faiss("HNSW32", REAL)) {
            hnsw.remove(2);
            before = hnsw.search(REAL[1], 10, null);
            hnsw.save(file);
        }
        try (FaissIndex loaded = FaissIndex.load(file, 64, 16)) {
            assertEquals("faiss:HNSW32", loaded.descriptor().backend());
            assertEquals(REAL.length - 1, loaded.size());
            assertEquals(1, loaded.tombstones());
            assertEquals(before, loaded.search(REAL[1], 10, null));
        }
    }
}
