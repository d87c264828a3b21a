package dev.visualsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.support.SampleEmbeddings;
import dev.visualsearch.support.TestConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code app.index.ann=auto} picks the index by catalogue size, and a saved IVF index survives the catalogue growing. */
class AnnBackendsSizeTest {

    private static AnnBackends backends(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("app.index.dir", "target/unused-index"));
        all.putAll(settings);
        return new AnnBackends(TestConfigs.index(all), null, null);
    }

    @Test
    void autoIsTheDefaultAndBuildsHnswBelowTwoHundredThousandAndCompressedIvfFromThere() {
        AnnBackends backends = backends(Map.of());
        assertEquals("HNSW32", backends.factory(562));
        assertEquals("HNSW32", backends.factory(AnnBackends.AUTO_COMPRESSED_FROM - 1));
        assertEquals("IVF447,SQ8", backends.factory(AnnBackends.AUTO_COMPRESSED_FROM));
        assertEquals("IVF1000,SQ8", backends.factory(1_000_000));
        assertTrue(RescoredIndex.compresses("faiss:" + backends.factory(1_000_000)), "rescored on the float rows");
    }

    @Test
    void aNamedBackendIsKeptAtEverySize() {
        assertEquals("HNSW32", backends(Map.of("app.index.ann", "faiss-hnsw")).factory(1_000_000));
        assertEquals("HNSW16_SQ8", backends(Map.of("app.index.ann", "faiss-hnsw-sq8", "app.index.hnsw-m", "16"))
                .factory(10));
        assertEquals("Flat", backends(Map.of("app.index.ann", "faiss-ivf-sq8")).factory(999));
        assertEquals("IVF100,SQ8", backends(Map.of("app.index.ann", "faiss-ivf-sq8")).factory(10_000));
    }

    @Test
    void aSavedIvfServesWhileItsListCountIsWithinAFactorTwoOfTheOneWanted() {
        assertTrue(AnnBackends.sameLayout("faiss:HNSW32", "faiss:HNSW32"));
        assertTrue(AnnBackends.sameLayout("faiss:IVF447,SQ8", "faiss:IVF632,SQ8"));
        assertTrue(AnnBackends.sameLayout("faiss:IVF500,SQ8", "faiss:IVF1000,SQ8"));
        assertFalse(AnnBackends.sameLayout("faiss:IVF447,SQ8", "faiss:IVF1000,SQ8"), "four times the products");
        assertFalse(AnnBackends.sameLayout("faiss:IVF447,Flat", "faiss:IVF447,SQ8"), "other codes");
        assertFalse(AnnBackends.sameLayout("faiss:HNSW32", "faiss:IVF447,SQ8"));
        assertFalse(AnnBackends.sameLayout("faiss:HNSW32", "faiss:HNSW16"));
    }

    @Test
    void aSavedCompressedIndexIsLoadedAfterTheCatalogueGrewByHalf(@TempDir Path dir) {
        assumeTrue(FaissNative.isAvailable(), "FAISS unavailable: " + FaissNative.unavailableReason());
        AnnBackends backends = backends(Map.of("app.index.dir", dir.toString(), "app.index.ann", "faiss-ivf-sq8"));
        List<StoredVector> catalogue = catalogue(3_000);
        try (VectorIndex saved = backends.build("m", SampleEmbeddings.DIM, catalogue.subList(0, 2_000),
                id -> Optional.empty(), "c", Progress.IGNORED).orElseThrow()) {
            assertEquals("faiss:IVF44,SQ8", saved.descriptor().backend());
            backends.save(new LiveIndex(saved));
        }
        try (VectorIndex loaded = backends.loadOrBuild("m", SampleEmbeddings.DIM, catalogue, id -> Optional.empty(),
                "c", Progress.IGNORED).orElseThrow()) {
            assertEquals("faiss:IVF44,SQ8", loaded.descriptor().backend(), "the saved file, not a rebuild as IVF54");
            assertEquals(3_000, loaded.size(), "the products added since were reconciled into it");
        }
    }

    private static List<StoredVector> catalogue(int n) {
        float[][] vectors = SampleEmbeddings.around(SampleEmbeddings.real(), n, 0.5, 7);
        List<StoredVector> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stored.add(new StoredVector(i + 1, "c", vectors[i]));
        }
        return stored;
    }
}
