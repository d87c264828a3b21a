package dev.visualsearch.index.whitening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.IndexConfig;
import dev.visualsearch.index.IndexDescriptor;
import dev.visualsearch.index.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpacesTest {

    @TempDir
    Path dir;

    private static List<StoredVector> vectors(int n, long seed) {
        Random random = new Random(seed);
        List<StoredVector> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[16];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) Math.abs(random.nextGaussian() * (d + 1));
            }
            out.add(new StoredVector(i + 1, "c", v));
        }
        return out;
    }

    private SearchSpaces spaces(boolean enabled, double shrinkage, String backend) {
        return spaces(enabled, shrinkage, backend, true);
    }

    private SearchSpaces spaces(boolean enabled, double shrinkage, String backend, boolean heads) {
        WhiteningConfig config = new WhiteningConfig() {
            public boolean enabled() {
                return enabled;
            }

            public double shrinkage() {
                return shrinkage;
            }

            public int dims() {
                return 768;
            }

            public boolean head() {
                return heads;
            }

            public int minVectors() {
                return 100;
            }

            public double relearnGrowth() {
                return 2.0;
            }

            public long seed() {
                return 42;
            }
        };
        IndexConfig index = dev.visualsearch.support.TestConfigs.index(
                java.util.Map.of("app.index.backend", backend, "app.index.dir", dir.toString()));
        return new SearchSpaces(config, index);
    }

    @Test
    void aRestartSearchesInTheSavedSpace() {
        List<StoredVector> stored = vectors(300, 1);
        SearchSpace learned = spaces(true, 1.0, "local").loadOrLearn("model-a", stored);
        assertTrue(learned.whitening().isPresent());
        assertTrue(Files.exists(dir.resolve("whitening.bin")));
        // More products arrived meanwhile: a restart keeps the saved transform (the saved index was built in it).
        SearchSpace reloaded = spaces(true, 1.0, "local").loadOrLearn("model-a", vectors(400, 2));
        assertEquals(learned.id(), reloaded.id());
    }

    @Test
    void aTransformLearnedForAnotherModelOrShrinkageIsRefused() {
        SearchSpace a = spaces(true, 1.0, "local").loadOrLearn("model-a", vectors(300, 1));
        SearchSpace otherModel = spaces(true, 1.0, "local").loadOrLearn("model-b", vectors(300, 3));
        assertNotEquals(a.id(), otherModel.id());
        assertTrue(otherModel.id().startsWith("model-b|"));
        SearchSpace otherShrinkage = spaces(true, 0.2, "local").loadOrLearn("model-b", vectors(300, 3));
        assertEquals(0.2, otherShrinkage.whitening().orElseThrow().shrinkage());
    }

    @Test
    void anIndexBuiltInOneSpaceDoesNotFitAnother() {
        List<StoredVector> stored = vectors(300, 1);
        SearchSpace whitened = spaces(true, 1.0, "local").learn("model-a", stored);
        SearchSpace raw = SearchSpace.raw("model-a");
        IndexDescriptor built = new IndexDescriptor("faiss:HNSW32", whitened.id(), whitened.dimension(16), "cosine");
        assertTrue(built.fits(whitened.id(), whitened.dimension(16)));
        assertFalse(built.fits(raw.id(), raw.dimension(16)), "whitened index searched with unwhitened vectors");
        SearchSpace relearned = spaces(true, 1.0, "local").learn("model-a", vectors(300, 9));
        assertFalse(built.fits(relearned.id(), relearned.dimension(16)), "another whitening of the same model");
    }

    @Test
    void noWhiteningWhenOffTooSmallOrOnASharedIndex() {
        assertTrue(spaces(false, 1.0, "local").learn("m", vectors(300, 1)).whitening().isEmpty());
        assertTrue(spaces(true, 1.0, "local").learn("m", vectors(99, 1)).whitening().isEmpty());
        assertTrue(spaces(true, 1.0, "opensearch").learn("m", vectors(300, 1)).whitening().isEmpty());
        assertEquals("m", SearchSpace.raw("m").id());
    }

    /** A head as the adapt job learns one: pair whitening from each vector and a nudged copy of it. */
    private static Whitening head(List<StoredVector> stored) {
        List<float[]> catalogue = stored.stream().map(StoredVector::vector).toList();
        Random random = new Random(5);
        List<float[]> views = catalogue.stream().map(v -> {
            float[] nudged = v.clone();
            nudged[0] += (float) random.nextGaussian();
            return nudged;
        }).toList();
        return PairWhitening.learn(catalogue, catalogue, views, 8, 1.0, 42);
    }

    @Test
    void anAdoptedHeadIsTheSpaceOfEveryBuildAndOfARestartUntilAnotherModelComes() {
        List<StoredVector> stored = vectors(300, 1);
        SearchSpace pca = spaces(true, 1.0, "local").loadOrLearn("model-a", stored);
        assertTrue(pca.id().contains("|pcaw"), pca.id());
        Whitening head = head(stored);
        spaces(true, 1.0, "local").adopt("model-a", head);
        assertTrue(Files.exists(dir.resolve("head.bin")));
        // The saved PCA whitening no longer fits: a restart searches in the head's space, and so does a build.
        SearchSpace restarted = spaces(true, 1.0, "local").loadOrLearn("model-a", stored);
        assertEquals("model-a|" + head.id(), restarted.id());
        assertEquals(restarted.id(), spaces(true, 1.0, "local").learn("model-a", vectors(400, 2)).id());
        // An index built in the PCA space does not fit the head's.
        IndexDescriptor built = new IndexDescriptor("faiss:HNSW32", pca.id(), pca.dimension(16), "cosine");
        assertFalse(built.fits(restarted.id(), restarted.dimension(16)));
        // Another model, or heads turned off: back to a PCA whitening learned from the vectors.
        assertTrue(spaces(true, 1.0, "local").learn("model-b", stored).id().startsWith("model-b|pcaw"));
        assertTrue(spaces(true, 1.0, "local", false).learn("model-a", stored).id().startsWith("model-a|pcaw"));
        // A head for vectors of another size is not used.
        assertTrue(spaces(true, 1.0, "local").learn("model-a", vectors(300, 1).stream()
                .map(v -> new StoredVector(v.productId(), v.category(), java.util.Arrays.copyOf(v.vector(), 12)))
                .toList()).id().startsWith("model-a|pcaw"));
    }
}
