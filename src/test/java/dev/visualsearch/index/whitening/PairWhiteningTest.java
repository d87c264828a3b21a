package dev.visualsearch.index.whitening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairWhiteningTest {

    private static final int SIGNAL = 6;
    private static final int D = 16;

    /**
     * A product is a point in the first 6 dimensions; every picture of it adds a "background" in the other 10 that
     * is larger than the products' own spread: the directions a PCA whitening keeps as the most varied.
     */
    private static float[] picture(float[] product, Random random) {
        float[] v = new float[D];
        System.arraycopy(product, 0, v, 0, SIGNAL);
        for (int j = SIGNAL; j < D; j++) {
            v[j] = (float) (random.nextGaussian() * 2.5);
        }
        return v;
    }

    private record Catalogue(List<float[]> gallery, List<float[]> anchors, List<float[]> views,
                             List<float[]> queries) {
    }

    private static Catalogue catalogue(long seed) {
        Random random = new Random(seed);
        List<float[]> products = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] p = new float[SIGNAL];
            for (int j = 0; j < SIGNAL; j++) {
                p[j] = (float) random.nextGaussian();
            }
            products.add(p);
        }
        List<float[]> gallery = products.stream().map(p -> picture(p, random)).toList();
        List<float[]> anchors = new ArrayList<>();
        List<float[]> views = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            for (int v = 0; v < 3; v++) {
                anchors.add(gallery.get(i));
                views.add(picture(products.get(i), random));
            }
        }
        List<float[]> queries = products.stream().map(p -> picture(p, random)).toList();
        return new Catalogue(gallery, anchors, views, queries);
    }

    private static double recallAt1(Whitening w, Catalogue c) {
        List<float[]> gallery = c.gallery().stream().map(w::apply).toList();
        int hits = 0;
        for (int q = 0; q < c.queries().size(); q++) {
            float[] query = w.apply(c.queries().get(q));
            int best = -1;
            float bestScore = -2;
            for (int g = 0; g < gallery.size(); g++) {
                float score = Vectors.dot(query, gallery.get(g));
                if (score > bestScore) {
                    bestScore = score;
                    best = g;
                }
            }
            hits += best == q ? 1 : 0;
        }
        return hits / (double) c.queries().size();
    }

    @Test
    void keepingSixDirectionsThePairsKeepTheProductsOwnWhereThePcaWhiteningKeepsTheBackgrounds() {
        Catalogue c = catalogue(7);
        Whitening pca = Whitening.learn(c.gallery(), SIGNAL, 0.1, 42);
        Whitening pairs = PairWhitening.learn(c.gallery(), c.anchors(), c.views(), SIGNAL, 0.1, 42);
        double pcaRecall = recallAt1(pca, c);
        double pairRecall = recallAt1(pairs, c);
        assertTrue(pairRecall >= 0.9, "pair whitening R@1 " + pairRecall);
        assertTrue(pairRecall > pcaRecall + 0.3, "pair " + pairRecall + " vs PCA " + pcaRecall);
    }

    @Test
    void itIsAWhiteningOfItsOwnKindThatSavesAndReadsBackUnderTheSameId() throws Exception {
        Catalogue c = catalogue(3);
        Whitening pairs = PairWhitening.learn(c.gallery(), c.anchors(), c.views(), 8, 1.0, 42);
        assertEquals("lw", pairs.kind());
        assertTrue(pairs.id().startsWith("lw8s1.0-"), pairs.id());
        assertEquals(8, pairs.dims());
        assertEquals(D, pairs.inputDimension());
        Whitening read = WhiteningTest.savedAndReadBack(pairs);
        assertEquals(pairs.id(), read.id());
        assertEquals("lw", read.kind());
        float[] v = c.queries().get(0);
        assertEquals(pairs.apply(v)[0], read.apply(v)[0], 0f);
        // Same inputs, same transform: the id is a hash of its numbers.
        assertEquals(pairs.id(), PairWhitening.learn(c.gallery(), c.anchors(), c.views(), 8, 1.0, 42).id());
    }

    @Test
    void theRecipeOfTheViewsIsPartOfTheKindAndTheIdAndIsReadBack() throws Exception {
        Catalogue c = catalogue(3);
        Whitening photo = PairWhitening.learn(c.gallery(), c.anchors(), c.views(), 8, 1.0, 42, "photo");
        assertEquals("lw-photo", photo.kind());
        assertTrue(photo.id().startsWith("lw-photo8s1.0-"), photo.id());
        assertNotEquals(PairWhitening.learn(c.gallery(), c.anchors(), c.views(), 8, 1.0, 42).id(), photo.id());
        Whitening read = WhiteningTest.savedAndReadBack(photo);
        assertEquals("lw-photo", read.kind());
        assertEquals(photo.id(), read.id());
    }

    @Test
    void aWhiteningSavedBeforeKindsExistedReadsAsAPcaWhitening() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x56535748);
        out.writeInt(1);
        out.writeInt(2);
        out.writeInt(1);
        out.writeDouble(1.0);
        out.writeInt(5);
        out.writeFloat(0.5f);
        out.writeFloat(0.5f);
        out.writeFloat(1f);
        out.writeFloat(0f);
        Whitening read = Whitening.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals("pcaw", read.kind());
        assertTrue(read.id().startsWith("pcaw1s1.0-"), read.id());
        assertEquals(1f, read.apply(new float[] {2f, 0f})[0], 1e-6f);
    }

    @Test
    void mismatchedPairsAreRefused() {
        Catalogue c = catalogue(3);
        assertThrows(IllegalArgumentException.class,
                () -> PairWhitening.learn(c.gallery(), c.anchors(), c.views().subList(1, 10), 8, 1.0, 42));
    }
}
