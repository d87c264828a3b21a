package dev.visualsearch.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.adapt.PhotoShift;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.DescriptorModel;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.framing.WholeImage;
import dev.visualsearch.embedding.pooling.GemPooling;
import dev.visualsearch.embedding.pooling.RegionalMaxPooling;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.index.whitening.Whitening;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.UsesPyTorch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Grad-CAM on the default model, on the reference fixtures: the closed form against PyTorch autograd. */
@UsesPyTorch
class GradCamTest {

    private static InceptionEmbeddingModel model;
    private static List<ExplainFixtures.Image> images;

    @BeforeAll
    static void load() throws Exception {
        DjlEngine.pytorch(0);
        model = new InceptionEmbeddingModel(InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball()));
        images = ExplainFixtures.images();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void closedFormAgreesWithAutogradOnEveryFixturePair() {
        GradCam closed = new GradCam();
        AutogradGradCam autograd = new AutogradGradCam();
        double worst = 1;
        for (int i = 0; i < images.size(); i++) {
            ExplainFixtures.Image result = images.get(i);
            ExplainFixtures.Image query = images.get((i + 1) % images.size());
            SimilarityTarget target = new SimilarityTarget(query.embedding());
            Heatmap a = closed.compute(model, result.nchw(), target);
            Heatmap b = autograd.compute(model, result.nchw(), target);
            double r = ExplainFixtures.pearson(a.values(), b.values());
            System.out.printf("closed form vs autograd, %s explained for %s: correlation %.9f, max %.4e vs %.4e%n",
                    result.name(), query.name(), r, a.max(), b.max());
            assertEquals(17, a.width());
            assertEquals(17, b.height());
            assertTrue(a.max() > 0, result.name() + ": empty heatmap");
            assertTrue(r >= 0.99, result.name() + ": correlation " + r);
            // Same maths, not just the same shape: the raw magnitudes agree too.
            assertEquals(1.0, b.max() / a.max(), 0.01, result.name() + ": magnitudes differ");
            worst = Math.min(worst, r);
        }
        System.out.printf("closed form vs autograd: worst correlation %.9f over %d pairs%n", worst, images.size());
    }

    @Test
    void closedFormAgreesWithAutogradUnderGemPooling() throws Exception {
        // The service's default pools by GeM (p = 3): the closed form must follow the pooling, not assume an average.
        FeatureMapModel gem = new DescriptorModel(model, new GemPooling(3), new WholeImage());
        double worst = 1;
        for (int i = 0; i < images.size(); i++) {
            ExplainFixtures.Image result = images.get(i);
            float[] q = gem.embed(List.of(ImageDecoder.onWhite(
                    javax.imageio.ImageIO.read(images.get((i + 1) % images.size()).png().toFile()))))[0];
            SimilarityTarget target = new SimilarityTarget(q);
            Heatmap a = new GradCam().compute(gem, result.nchw(), target);
            Heatmap b = new AutogradGradCam().compute(gem, result.nchw(), target);
            double r = ExplainFixtures.pearson(a.values(), b.values());
            assertTrue(a.max() > 0, result.name() + ": empty heatmap");
            assertTrue(r >= 0.99, result.name() + ": correlation " + r);
            assertEquals(1.0, b.max() / a.max(), 0.01, result.name() + ": magnitudes differ");
            worst = Math.min(worst, r);
        }
        System.out.printf("GeM closed form vs autograd: worst correlation %.9f%n", worst);
    }

    @Test
    void underAPoolingWithoutClosedFormGradCamIsAutogradsMap() throws Exception {
        // The default descriptor is R-MAC over mixed5+mixed6: Grad-CAM must still answer, with autograd's weights.
        FeatureMapModel rmac = new DescriptorModel(model, new RegionalMaxPooling(3), new WholeImage());
        ExplainFixtures.Image result = images.get(0);
        float[] q = rmac.embed(List.of(ImageDecoder.onWhite(javax.imageio.ImageIO.read(images.get(1).png().toFile()))))[0];
        SimilarityTarget target = new SimilarityTarget(q);
        Heatmap closed = new GradCam().compute(rmac, result.nchw(), target);
        Heatmap autograd = new AutogradGradCam().compute(rmac, result.nchw(), target);
        assertTrue(closed.max() > 0, "empty heatmap");
        assertArrayEquals(autograd.values(), closed.values(), 1e-6f * autograd.max());
    }

    @Test
    void heatmapIsNonNegativeNormalisesToUnitRangeAndIsDeterministic() {
        ExplainFixtures.Image result = images.get(0);
        SimilarityTarget target = new SimilarityTarget(images.get(1).embedding());
        Heatmap first = new GradCam().compute(model, result.nchw(), target);
        Heatmap second = new GradCam().compute(model, result.nchw(), target);
        assertArrayEquals(first.values(), second.values(), 1e-7f);
        assertTrue(first.min() >= 0);
        Heatmap unit = first.normalised();
        assertEquals(1.0f, unit.max(), 1e-6f);
        assertTrue(unit.min() >= 0);
    }

    @Test
    void explainingAnImageForItselfGivesANearlyEmptyMap() {
        // For q = e the cosine is at its maximum and dS/dg = (q - S e)/|g| vanishes: there is nothing to explain.
        ExplainFixtures.Image image = images.get(0);
        Heatmap self = new GradCam().compute(model, image.nchw(), new SimilarityTarget(image.embedding()));
        Heatmap other = new GradCam().compute(model, image.nchw(), new SimilarityTarget(images.get(2).embedding()));
        assertTrue(self.max() < other.max() * 0.05, "self-similarity map " + self.max() + " vs " + other.max());
    }

    @Test
    void theSimilarityMapSplitsTheCosineOverTheGrid() {
        // For q = e = g/|g|, every term q_c A_cij is >= 0 (post-ReLU activations, non-negative pooled vector), so
        // nothing is clipped and mean_ij(map) = q . g = |g|: the map divided by |g| averages to the cosine, 1.
        ExplainFixtures.Image image = images.get(0);
        Heatmap map = new SimilarityMapCam().compute(model, image.nchw(), new SimilarityTarget(image.embedding()));
        float[] g = pooled(image.nchw());
        double norm = 0;
        for (float v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double mean = 0;
        for (float v : map.values()) {
            mean += v;
        }
        mean /= map.values().length;
        assertEquals(17, map.width());
        assertEquals(1.0, mean / norm, 1e-3, "the grid's shares add up to the cosine");
        Heatmap again = new SimilarityMapCam().compute(model, image.nchw(), new SimilarityTarget(image.embedding()));
        assertArrayEquals(map.values(), again.values(), 1e-7f);
    }

    @Test
    void scoreCamIsNonNegativeDeterministicAndLooksAtTheObject() {
        ExplainFixtures.Image result = images.get(0);
        SimilarityTarget target = new SimilarityTarget(images.get(1).embedding());
        Heatmap first = new ScoreCam(8).compute(model, result.nchw(), target);
        Heatmap second = new ScoreCam(8).compute(model, result.nchw(), target);
        assertEquals(17, first.width());
        assertTrue(first.min() >= 0);
        assertTrue(first.max() > 0, "some channel's masked image must score above the all-grey image");
        assertArrayEquals(first.values(), second.values(), 1e-6f);
    }

    private static float[] pooled(float[] nchw) {
        int size = model.preprocessor().size();
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu(),
                "PyTorch")) {
            ai.djl.ndarray.NDArray map = model.featureMap(manager,
                    manager.create(nchw, new ai.djl.ndarray.types.Shape(1, 3, size, size)));
            return map.reshape(map.getShape().get(1), -1).mean(new int[] {1}).toFloatArray();
        }
    }

    /** The target's score of one image, computed from its feature map as the heatmaps compute it. */
    private static float score(WhitenedSimilarityTarget target, float[] nchw) {
        int size = model.preprocessor().size();
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu(),
                "PyTorch")) {
            ai.djl.ndarray.NDArray map = model.featureMap(manager,
                    manager.create(nchw, new ai.djl.ndarray.types.Shape(1, 3, size, size)));
            return target.score(model, map).toFloatArray()[0];
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void aWhitenedTargetScoresWhatTheIndexWouldAndMovesTheHeat() {
        List<float[]> vectors = images.stream().map(ExplainFixtures.Image::embedding).toList();
        Whitening whitening = Whitening.learn(vectors, vectors.size() - 1, 1.0, 42);
        ExplainFixtures.Image result = images.get(0);
        ExplainFixtures.Image query = images.get(1);
        float[] q = whitening.apply(query.embedding());
        WhitenedSimilarityTarget target = new WhitenedSimilarityTarget(q, whitening);
        float score = score(target, result.nchw());
        double expected = dot(q, whitening.apply(result.embedding()));
        assertEquals(expected, score, 1e-3, "the target is the cosine of the whitened vectors the index holds");
        Heatmap whitened = new GradCam().compute(model, result.nchw(), target);
        Heatmap plain = new GradCam().compute(model, result.nchw(), new SimilarityTarget(query.embedding()));
        Heatmap autograd = new AutogradGradCam().compute(model, result.nchw(), target);
        assertArrayEquals(autograd.values(), whitened.values(), 1e-6f, "no closed form: autograd's map");
        assertTrue(whitened.max() > 0);
        assertTrue(ExplainFixtures.pearson(whitened.values(), plain.values()) < 0.99,
                "whitening changes where the score comes from");
        Heatmap simmap = new SimilarityMapCam().compute(model, result.nchw(), target);
        assertTrue(simmap.min() >= 0 && simmap.max() > 0);
        assertThrows(IllegalArgumentException.class, () -> new WhitenedSimilarityTarget(query.embedding(), whitening));
    }

    @Test
    void aTargetWithAPhotoShiftScoresTheShiftedVectorTheSearchRankedBy() {
        List<float[]> vectors = images.stream().map(ExplainFixtures.Image::embedding).toList();
        Whitening whitening = Whitening.learn(vectors, vectors.size() - 1, 1.0, 42);
        PhotoShift shift = PhotoShift.learn(vectors.subList(0, 3), vectors.subList(3, vectors.size()), 1.0);
        ExplainFixtures.Image photo = images.get(0);
        float[] q = whitening.apply(images.get(1).embedding());
        WhitenedSimilarityTarget target = new WhitenedSimilarityTarget(q, whitening, Optional.of(shift));
        float score = score(target, photo.nchw());
        double expected = dot(q, whitening.apply(shift.apply(photo.embedding())));
        double unshifted = dot(q, whitening.apply(photo.embedding()));
        assertEquals(expected, score, 1e-3, "the cosine of the shifted, whitened query vector");
        assertTrue(Math.abs(expected - unshifted) > 1e-3, "the shift changes the score: " + expected + " "
                + unshifted);
        assertTrue(target.describe().endsWith("after the photo shift " + shift.id()), target.describe());
        Heatmap simmap = new SimilarityMapCam().compute(model, photo.nchw(), target);
        assertTrue(simmap.min() >= 0 && simmap.max() > 0);
        assertThrows(IllegalArgumentException.class, () -> new WhitenedSimilarityTarget(q, whitening,
                Optional.of(PhotoShift.learn(List.of(new float[3]), List.of(new float[3]), 1.0))),
                "a shift of another dimension");
    }

    @Test
    void closedFormRefusesClassTargets() {
        assertThrows(UnsupportedOperationException.class,
                () -> new GradCam().compute(model, images.get(0).nchw(), new ClassTarget(3)));
    }
}
