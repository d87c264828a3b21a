package dev.visualsearch.index.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.IndexFileHeader;
import dev.visualsearch.support.SampleEmbeddings;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactIndexTest {

    private static final float[][] REAL = SampleEmbeddings.real();

    private static ExactIndex indexOfSample() {
        ExactIndex index = new ExactIndex("test-model", SampleEmbeddings.DIM);
        for (int i = 0; i < REAL.length; i++) {
            index.add(1000 + i, REAL[i]);
        }
        return index;
    }

    /** The obvious double-precision loop over every vector: what the index must reproduce. */
    private static List<Long> bruteForce(float[] query, int k) {
        return IntStream.range(0, REAL.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Vectors.dot(query, REAL[i])))
                .limit(k).map(i -> 1000L + i).toList();
    }

    @Test
    void matchesBruteForceOnRealEmbeddings() {
        ExactIndex index = indexOfSample();
        for (int q = 0; q < REAL.length; q += 37) {
            List<Hit> hits = index.search(REAL[q], 10, null);
            assertEquals(bruteForce(REAL[q], 10), hits.stream().map(Hit::id).toList(), "query " + q);
            assertEquals(1000 + q, hits.get(0).id());
            assertEquals(1.0, hits.get(0).score(), 1e-5);
            for (int i = 1; i < hits.size(); i++) {
                assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
            }
        }
    }

    @Test
    void removedIdsDisappearAndReplacedVectorsAreUsed() {
        ExactIndex index = indexOfSample();
        assertTrue(index.remove(1000));
        assertFalse(index.remove(1000));
        assertEquals(REAL.length - 1, index.size());
        assertTrue(index.search(REAL[0], 20, null).stream().noneMatch(h -> h.id() == 1000));
        index.add(1005, REAL[0]);
        assertEquals(1005, index.search(REAL[0], 1, null).get(0).id());
        assertEquals(REAL.length - 1, index.size());
        assertArrayEquals(REAL[0], index.vector(1005).orElseThrow());
    }

    @Test
    void prefiltersAndStillReturnsKWhenEnoughCandidatesExist() {
        ExactIndex index = indexOfSample();
        long[] allowed = IntStream.range(0, REAL.length).filter(i -> i % 7 == 0).mapToLong(i -> 1000L + i).toArray();
        Candidates candidates = Candidates.of(allowed);
        List<Hit> hits = index.search(REAL[3], 10, candidates);
        assertEquals(10, hits.size());
        assertTrue(hits.stream().allMatch(h -> candidates.contains(h.id())));
        List<Hit> few = index.search(REAL[3], 10, Candidates.of(new long[] {1000, 1001, 999_999}));
        assertEquals(List.of(1000L, 1001L).size(), few.size());
    }

    @Test
    void aLargeIndexScansInPartsAndMergesToTheSameTopK() {
        // 60,000 rows is past the size where the scan is split over the cores.
        int rows = 60_000;
        int dim = 32;
        java.util.Random random = new java.util.Random(5);
        ExactIndex index = new ExactIndex("m", dim, rows);
        float[][] vectors = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < dim; d++) {
                vectors[r][d] = (float) random.nextGaussian();
            }
            index.add(r + 1000L, vectors[r]);
        }
        float[] query = vectors[12_345].clone();
        for (Candidates filter : new Candidates[] {null, Candidates.of(IntStream.range(0, rows / 2)
                .mapToLong(r -> 2L * r + 1000).toArray())}) {
            List<Hit> hits = index.search(query, 10, filter);
            List<Long> expected = IntStream.range(0, rows)
                    .filter(r -> filter == null || filter.contains(r + 1000L)).boxed()
                    .sorted(Comparator.comparingDouble((Integer r) -> -dot(query, vectors[r])))
                    .limit(10).map(r -> r + 1000L).toList();
            assertEquals(expected, hits.stream().map(Hit::id).toList());
        }
    }

    @Test
    void theEightBitScanWithItsRescoreAnswersAsTheFloatScanDoes() {
        // Real embeddings with noise, as the benchmark draws them; the 8-bit path forced on from the first row.
        float[][] vectors = SampleEmbeddings.around(SampleEmbeddings.real(), 20_000, 0.5, 11);
        ExactIndex compact = new ExactIndex("m", SampleEmbeddings.DIM, vectors.length, 0);
        ExactIndex plain = new ExactIndex("m", SampleEmbeddings.DIM, vectors.length, Integer.MAX_VALUE);
        for (int r = 0; r < vectors.length; r++) {
            compact.add(r, vectors[r]);
            plain.add(r, vectors[r]);
        }
        compact.remove(17);
        plain.remove(17);
        float[][] queries = SampleEmbeddings.around(SampleEmbeddings.real(), 200, 0.5, 12);
        for (float[] query : queries) {
            List<Hit> expected = plain.search(query, 10, null);
            List<Hit> got = compact.search(query, 10, null);
            assertEquals(expected.stream().map(Hit::id).toList(), got.stream().map(Hit::id).toList());
            assertEquals(expected.get(0).score(), got.get(0).score(), 0f, "scores are the float rows' own");
        }
        Candidates half = Candidates.of(IntStream.range(0, vectors.length / 2).mapToLong(r -> 2L * r).toArray());
        assertEquals(plain.search(queries[0], 10, half), compact.search(queries[0], 10, half));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void rejectsVectorsOfTheWrongDimension() {
        ExactIndex index = new ExactIndex("m", 4);
        assertThrows(IllegalArgumentException.class, () -> index.add(1, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[5], 1, null));
    }

    @Test
    void saveAndReadRoundTrip(@TempDir Path dir) throws Exception {
        ExactIndex index = indexOfSample();
        index.remove(1003);
        Path file = dir.resolve("exact.vpsidx");
        index.save(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            IndexFileHeader header = IndexFileHeader.read(in);
            assertEquals("test-model", header.descriptor().modelId());
            assertEquals(REAL.length - 1, header.count());
            ExactIndex read = ExactIndex.read(in, header);
            assertEquals(index.search(REAL[42], 10, null), read.search(REAL[42], 10, null));
            assertTrue(read.vector(1003).isEmpty());
        }
    }

    /**
     * A file written by format version 1 (src/test/resources/index/exact-v1.vpsidx: three 4-d vectors) must stay
     * readable by every later version of the reader.
     */
    @Test
    void readsAFileWrittenByFormatVersion1() throws Exception {
        try (InputStream raw = getClass().getResourceAsStream("/index/exact-v1.vpsidx");
             DataInputStream in = new DataInputStream(raw)) {
            IndexFileHeader header = IndexFileHeader.read(in);
            assertEquals(1, header.version());
            assertEquals("golden-model", header.descriptor().modelId());
            assertEquals(4, header.descriptor().dimension());
            assertEquals("cosine", header.descriptor().metric());
            ExactIndex index = ExactIndex.read(in, header);
            assertEquals(3, index.size());
            assertEquals(List.of(20L, 10L), index.search(new float[] {0, 1, 0, 0}, 2, null).stream()
                    .map(Hit::id).toList());
        }
    }

    @Test
    void refusesFilesThatAreNotIndexes() {
        assertThrows(java.io.IOException.class, () -> IndexFileHeader.read(new DataInputStream(
                new java.io.ByteArrayInputStream("not an index file at all".getBytes()))));
    }
}
