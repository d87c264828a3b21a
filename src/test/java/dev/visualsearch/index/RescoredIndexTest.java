package dev.visualsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.support.SampleEmbeddings;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A real FAISS IVF index of 8-bit codes, rescored on the exact index's float rows. */
class RescoredIndexTest {

    private static final int N = 5_000;
    private static final int DIM = SampleEmbeddings.DIM;

    @Test
    void candidatesFromTheCodesComeBackWithTheFloatScoresAndOrder() {
        float[][] real = SampleEmbeddings.real();
        Random random = new Random(7);
        long[] ids = new long[N];
        float[] rows = new float[N * DIM];
        ExactIndex exact = new ExactIndex("space", DIM, N);
        for (int i = 0; i < N; i++) {
            ids[i] = i + 1;
            float[] v = SampleEmbeddings.around(real, 0.5, random);
            System.arraycopy(v, 0, rows, i * DIM, DIM);
            exact.add(ids[i], v);
        }
        try (FaissIndex codes = FaissIndex.build("IVF64,SQ8", "space", DIM, ids, rows, 64, 16)) {
            VectorIndex rescored = RescoredIndex.around(codes, exact, 4);
            assertInstanceOf(RescoredIndex.class, rescored);
            int found = 0;
            int differentScores = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = SampleEmbeddings.around(real, 0.5, random);
                List<Hit> truth = exact.search(query, 10, null);
                List<Hit> got = rescored.search(query, 10, null);
                List<Hit> raw = codes.search(query, 10, null);
                Set<Long> expected = new HashSet<>(truth.stream().map(Hit::id).toList());
                found += (int) got.stream().filter(h -> expected.contains(h.id())).count();
                for (int i = 1; i < got.size(); i++) {
                    assertTrue(got.get(i - 1).score() >= got.get(i).score(), "best first");
                }
                for (Hit hit : got) {
                    // the float cosine, as the exact index scores the same id
                    float exactScore = exact.search(query, 1, Candidates.of(new long[] {hit.id()})).get(0).score();
                    assertEquals(exactScore, hit.score(), 1e-6f);
                }
                if (Math.abs(raw.get(0).score() - truth.get(0).score()) > 1e-6) {
                    differentScores++;
                }
            }
            assertTrue(found / 500.0 >= 0.95, "recall@10 " + found / 500.0);
            assertTrue(differentScores > 0, "the codes' own scores are approximate; the rescored ones are not");

            long gone = rescored.search(SampleEmbeddings.around(real, 0.5, random), 1, null).get(0).id();
            assertTrue(rescored.remove(gone));
            exact.remove(gone);
            assertFalse(java.util.Arrays.stream(rescored.ids()).anyMatch(id -> id == gone));
            assertEquals(N - 1, rescored.size());
            assertEquals("faiss:IVF64,SQ8", rescored.descriptor().backend());
            assertEquals("nprobe", rescored.depthParameter());
        }
    }

    @Test
    void onlyCompressedBackendsAreWrapped() {
        assertTrue(RescoredIndex.compresses("faiss:IVF1000,SQ8"));
        assertTrue(RescoredIndex.compresses("faiss:HNSW32_SQ8"));
        assertTrue(RescoredIndex.compresses("faiss:IVF1000,PQ96"));
        assertFalse(RescoredIndex.compresses("faiss:HNSW32"));
        assertFalse(RescoredIndex.compresses("faiss:IVF316,Flat"));
        assertFalse(RescoredIndex.compresses("opensearch:knn"));
        ExactIndex exact = new ExactIndex("space", DIM, 16);
        try (FaissIndex hnsw = FaissIndex.build("HNSW32", "space", DIM, new long[0], new float[0], 64, 16)) {
            assertSame(hnsw, RescoredIndex.around(hnsw, exact, 4));
        }
        float[] few = new float[200 * DIM];
        long[] fewIds = new long[200];
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            fewIds[i] = i + 1;
            System.arraycopy(SampleEmbeddings.around(SampleEmbeddings.real(), 0.5, random), 0, few, i * DIM, DIM);
        }
        try (FaissIndex sq = FaissIndex.build("HNSW32_SQ8", "space", DIM, fewIds, few, 64, 16)) {
            assertSame(sq, RescoredIndex.around(sq, exact, 0), "factor 0: the codes answer alone");
            assertNotEquals(sq, RescoredIndex.around(sq, exact, 4));
        }
    }
}
