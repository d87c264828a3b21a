package dev.visualsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.support.SampleEmbeddings;
import dev.visualsearch.support.TestConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved ANN index records the catalogue it was built from, and a start-up on another catalogue (a data folder
 * pointed at another database, whose products are numbered from 1 too) rebuilds it instead of loading it: HNSW would
 * otherwise keep the other catalogue's vector under a shared id.
 */
class AnnBackendsCatalogueTest {

    private static final int DIM = SampleEmbeddings.DIM;

    @BeforeAll
    static void requireFaiss() {
        assumeTrue(FaissNative.isAvailable(), "FAISS unavailable: " + FaissNative.unavailableReason());
    }

    private static AnnBackends backends(Path dir) {
        IndexConfig config = TestConfigs.index(Map.of("app.index.dir", dir.toString()));
        return new AnnBackends(config, null, null);
    }

    /** Products 1..n with vectors drawn around real embeddings (a different seed: a different catalogue). */
    private static List<StoredVector> catalogue(int n, long seed) {
        float[][] vectors = SampleEmbeddings.around(SampleEmbeddings.real(), n, 0.5, seed);
        List<StoredVector> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stored.add(new StoredVector(i + 1, "c", vectors[i]));
        }
        return stored;
    }

    @Test
    void anIndexSavedFromOneCatalogueIsRebuiltOnAnotherAndLoadedOnItsOwn(@TempDir Path dir) {
        AnnBackends backends = backends(dir);
        List<StoredVector> first = catalogue(300, 1);
        try (VectorIndex saved = backends.build("m", DIM, first, id -> Optional.empty(), "catalogue-a", Progress.IGNORED)
                .orElseThrow()) {
            saved.useDepth(new SearchDepth("efSearch", 48, 0.95, 0.99, 200, 300)); // marks the saved file
            backends.save(new LiveIndex(saved));
        }
        assertEquals(Optional.of("catalogue-a"), backends.savedCatalogue());

        List<StoredVector> second = catalogue(300, 2);
        try (VectorIndex loaded = backends.loadOrBuild("m", DIM, second, id -> Optional.empty(), "catalogue-b",
                Progress.IGNORED).orElseThrow()) {
            assertEquals("catalogue-b", ((FaissIndex) loaded).catalogue());
            assertTrue(loaded.searchDepth().isEmpty(), "built anew, not the saved file");
            Hit top = loaded.search(second.get(0).vector(), 1, null).get(0);
            assertEquals(1, top.id());
            assertEquals(1.0, top.score(), 1e-4, "product 1 has this catalogue's vector, not the other's");
        }

        try (VectorIndex again = backends.loadOrBuild("m", DIM, first, id -> Optional.empty(), "catalogue-a",
                Progress.IGNORED).orElseThrow()) {
            assertEquals("catalogue-a", ((FaissIndex) again).catalogue());
            assertEquals(48, again.searchDepth().orElseThrow().value(), "its own catalogue loads the saved file");
            assertTrue(again.search(first.get(0).vector(), 1, null).get(0).score() > 0.9999);
        }
    }
}
