package dev.visualsearch.index.faiss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.index.IndexDescriptor;
import dev.visualsearch.index.IndexFileHeader;
import dev.visualsearch.index.SearchDepth;
import dev.visualsearch.index.SearchDepthTuner;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.support.SampleEmbeddings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall as a setting: the tuner measures recall@10 of a real FAISS index against the exact index on the
 * catalogue's own vectors and keeps the smallest depth that reaches the target; the choice survives a save and load.
 * HNSW with M=8 on widely spread vectors needs a deeper search than efSearch 16, so the ladder is exercised.
 */
class SearchDepthTunerTest {

    private static final int DIM = SampleEmbeddings.DIM;
    private static final float[][] ROWS = SampleEmbeddings.around(SampleEmbeddings.real(), 6_000, 1.0, 11);
    private static final int SAMPLE = 200;
    private static final long SEED = 42;

    @BeforeAll
    static void requireFaiss() {
        assumeTrue(FaissNative.isAvailable(), "FAISS unavailable: " + FaissNative.unavailableReason());
    }

    private static FaissIndex faiss(String factory) {
        return FaissIndexTest.faiss(factory, ROWS);
    }

    private static ExactIndex exact() {
        return FaissIndexTest.exact(ROWS);
    }

    @Test
    void theChosenEfSearchIsTheSmallestOnTheLadderThatReachesTheTarget() {
        try (FaissIndex hnsw = faiss("HNSW8"); ExactIndex exact = exact()) {
            hnsw.useDepth(new SearchDepth("efSearch", 16, 0.9, Double.NaN, 0, ROWS.length));
            double shallowest = SearchDepthTuner.measure(hnsw, exact, SAMPLE, SEED);
            SearchDepth depth = SearchDepthTuner.tune(hnsw, exact, 0.9, SAMPLE, SEED, 0);
            System.out.printf("HNSW8, 6k vectors: recall@10 %.3f at efSearch 16, %.3f at the chosen efSearch %d%n",
                    shallowest, depth.measuredRecall(), depth.value());
            assertTrue(shallowest < 0.9, "the set needs more than the shallowest depth: " + shallowest);
            assertTrue(depth.reached(), depth.toString());
            assertEquals("efSearch", depth.parameter());
            assertEquals(SAMPLE, depth.queries());
            assertEquals(ROWS.length, depth.vectors());
            assertEquals(depth, hnsw.searchDepth().orElseThrow(), "the index searches at the chosen depth");
            assertEquals(depth.measuredRecall(), SearchDepthTuner.measure(hnsw, exact, SAMPLE, SEED), 1e-12);
            int[] ladder = hnsw.depthLadder();
            int at = java.util.Arrays.binarySearch(ladder, depth.value());
            assertTrue(at > 0, "a deeper setting than the first was needed");
            hnsw.useDepth(new SearchDepth("efSearch", ladder[at - 1], 0.9, Double.NaN, 0, ROWS.length));
            assertTrue(SearchDepthTuner.measure(hnsw, exact, SAMPLE, SEED) < 0.9, "the step before falls short");
        }
    }

    @Test
    void anUnreachableTargetKeepsTheDeepestSettingAndSaysSo() {
        try (FaissIndex hnsw = faiss("HNSW8"); ExactIndex exact = exact()) {
            SearchDepth depth = SearchDepthTuner.tune(hnsw, exact, 1.01, SAMPLE, SEED, 0);
            assertFalse(depth.reached());
            assertEquals(512, depth.value());
        }
    }

    @Test
    void aRecheckOnTheLiveIndexNeverGoesShallowerThanItsCurrentDepth() {
        try (FaissIndex hnsw = faiss("HNSW8"); ExactIndex exact = exact()) {
            SearchDepth depth = SearchDepthTuner.tune(hnsw, exact, 0.5, SAMPLE, SEED, 128);
            assertEquals(128, depth.value(), "0.5 is reached at once, but not below the current 128");
        }
    }

    @Test
    void ivfTunesNprobeAndAFlatIndexIsOnlyMeasured() {
        try (FaissIndex ivf = faiss("IVF64,Flat"); FaissIndex flat = faiss("Flat"); ExactIndex exact = exact()) {
            SearchDepth probes = SearchDepthTuner.tune(ivf, exact, 0.95, SAMPLE, SEED, 0);
            assertEquals("nprobe", probes.parameter());
            assertTrue(probes.reached() && probes.value() <= 64, probes.toString());
            SearchDepth measured = SearchDepthTuner.tune(flat, exact, 0.95, SAMPLE, SEED, 0);
            assertNull(measured.value());
            assertEquals(1.0, measured.measuredRecall(), 1e-9, "a flat index is exact");
        }
    }

    @Test
    void theChosenDepthIsSavedInTheHeaderAndUsedAfterALoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ann");
        SearchDepth depth;
        try (FaissIndex hnsw = faiss("HNSW8"); ExactIndex exact = exact()) {
            depth = SearchDepthTuner.tune(hnsw, exact, 0.9, SAMPLE, SEED, 0);
            hnsw.save(file);
        }
        try (FaissIndex loaded = FaissIndex.load(file, 16, 1); ExactIndex exact = exact()) { // asked for ef 16
            assertEquals(depth, loaded.searchDepth().orElseThrow());
            assertEquals(depth.measuredRecall(), SearchDepthTuner.measure(loaded, exact, SAMPLE, SEED), 1e-12,
                    "the loaded index searches at the saved depth, not at the efSearch 16 it was asked for");
        }
    }

    @Test
    void aVersion1HeaderReadsWithoutADepth() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new IndexFileHeader(1, new IndexDescriptor("faiss:HNSW32", "m", DIM, "cosine"), 7, null, null).write(out);
        }
        IndexFileHeader read = IndexFileHeader.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(1, read.version());
        assertEquals(7, read.count());
        assertNull(read.depth());
    }
}
