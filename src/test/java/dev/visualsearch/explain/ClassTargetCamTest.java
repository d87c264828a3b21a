package dev.visualsearch.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.ImagePreprocessor;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.torchscript.TorchScriptEmbeddingModel;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.UsesPyTorch;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Class targets and TorchScript models. {@code colour-classifier.pt} (exported by
 * {@code src/test/resources/explain/make_colour_classifier.py} with torch 1.13) has hand-set weights: class 0 reads
 * the "red" feature channel, class 1 the "blue" one, so on an image that is red on the left and blue on the right
 * the correct Grad-CAM is known.
 */
@UsesPyTorch
class ClassTargetCamTest {

    private static final ImagePreprocessor UNIT_64 = ImagePreprocessor.unitRange(64);
    private static TorchScriptEmbeddingModel classifier;

    @BeforeAll
    static void load() {
        DjlEngine.pytorch(0);
        classifier = TorchScriptEmbeddingModel.load(
                Path.of("src/test/resources/explain/colour-classifier.pt").toString(), UNIT_64, "colour classifier");
    }

    @AfterAll
    static void close() {
        if (classifier != null) {
            classifier.close();
        }
    }

    @Test
    void classifierExposesFeaturesAndLogits() {
        FeatureMapModel model = classifier.featureMaps().orElseThrow();
        assertEquals("features", model.featureLayer());
        assertTrue(model.hasLogits());
    }

    @Test
    void gradCamForAClassLightsUpThatClassesColour() {
        FeatureMapModel model = classifier.featureMaps().orElseThrow();
        float[] input = UNIT_64.toNchw(List.of(redLeftBlueRight()));
        AutogradGradCam cam = new AutogradGradCam();
        Heatmap red = cam.compute(model, input, new ClassTarget(0));
        Heatmap blue = cam.compute(model, input, new ClassTarget(1));
        assertEquals(8, red.width());
        assertEquals(8, red.height());
        // The head is a linear layer on pooled features, so a_c = W[k,c]/(HW): 4/64 on the class's own channel.
        assertTrue(halfMean(red, true) > 0.05, "red class, left half " + halfMean(red, true));
        assertEquals(0.0, halfMean(red, false), 1e-6, "red class must ignore the blue half");
        assertTrue(halfMean(blue, false) > 0.05, "blue class, right half " + halfMean(blue, false));
        assertEquals(0.0, halfMean(blue, true), 1e-6, "blue class must ignore the red half");
        assertEquals(4.0 / 64, red.max(), 1e-3, "Grad-CAM of a linear head on pooled features is W A / HW");
    }

    @Test
    void occlusionAgreesWithGradCamOnTheClassifier() {
        FeatureMapModel model = classifier.featureMaps().orElseThrow();
        float[] input = UNIT_64.toNchw(List.of(redLeftBlueRight()));
        Heatmap red = new OcclusionCam(8).compute(model, input, new ClassTarget(0));
        assertTrue(halfMean(red, true) > 10 * Math.max(halfMean(red, false), 1e-6),
                "occlusion, left " + halfMean(red, true) + " vs right " + halfMean(red, false));
    }

    @Test
    void scoreCamAgreesWithGradCamOnTheClassifier() {
        FeatureMapModel model = classifier.featureMaps().orElseThrow();
        float[] input = UNIT_64.toNchw(List.of(redLeftBlueRight()));
        Heatmap red = new ScoreCam(8).compute(model, input, new ClassTarget(0));
        Heatmap blue = new ScoreCam(8).compute(model, input, new ClassTarget(1));
        assertTrue(halfMean(red, true) > 10 * Math.max(halfMean(red, false), 1e-6),
                "Score-CAM for red, left " + halfMean(red, true) + " vs right " + halfMean(red, false));
        assertTrue(halfMean(blue, false) > 10 * Math.max(halfMean(blue, true), 1e-6),
                "Score-CAM for blue, right " + halfMean(blue, false) + " vs left " + halfMean(blue, true));
    }

    @Test
    void tinyCnnSecondOutputServesSimilarityGradCamBothWays() throws Exception {
        Path dir = Fixtures.shared("torchscript-tiny");
        try (TorchScriptEmbeddingModel tiny = TorchScriptEmbeddingModel.load(dir.resolve("tiny-cnn.pt").toString(),
                UNIT_64, null)) {
            FeatureMapModel model = tiny.featureMaps().orElseThrow();
            assertEquals("output1", model.featureLayer());
            assertFalse(model.hasLogits());
            float[] input = Fixtures.readFloats(dir.resolve("input-1x3x64x64-nchw.f32"));
            float[] other = UNIT_64.toNchw(List.of(redLeftBlueRight()));
            float[] q = tiny.embedNchw(other, 1)[0];
            Heatmap closed = new GradCam().compute(model, input, new SimilarityTarget(q));
            Heatmap autograd = new AutogradGradCam().compute(model, input, new SimilarityTarget(q));
            double r = ExplainFixtures.pearson(closed.values(), autograd.values());
            System.out.printf("tiny-cnn: closed form vs autograd correlation %.9f%n", r);
            assertTrue(closed.max() > 0);
            assertTrue(r >= 0.99, "correlation " + r);
        }
    }

    private static double halfMean(Heatmap map, boolean left) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if ((x < map.width() / 2) == left) {
                    sum += map.values()[y * map.width() + x];
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static BufferedImage redLeftBlueRight() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 32, 64);
        g.setColor(Color.BLUE);
        g.fillRect(32, 0, 32, 64);
        g.dispose();
        return image;
    }
}
