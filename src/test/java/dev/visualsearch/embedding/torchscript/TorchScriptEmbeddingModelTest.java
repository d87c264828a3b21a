package dev.visualsearch.embedding.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.ImagePreprocessor;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.TestImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.visualsearch.support.UsesPyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a user's TorchScript model from a local file, as users with their own weights do. */
@UsesPyTorch
class TorchScriptEmbeddingModelTest {

    @BeforeAll
    static void engine() {
        DjlEngine.pytorch(0);
    }

    @Test
    void reproducesTheReferenceEmbeddingOfTheTinyModel() throws Exception {
        Path dir = Fixtures.shared("torchscript-tiny");
        try (TorchScriptEmbeddingModel model = TorchScriptEmbeddingModel.load(dir.resolve("tiny-cnn.pt").toString(),
                ImagePreprocessor.unitRange(64), null)) {
            assertEquals(32, model.dimension());
            assertEquals(64, model.inputSize());
            assertTrue(model.id().startsWith("torchscript:tiny-cnn@"), model.id());
            float[] input = Fixtures.readFloats(dir.resolve("input-1x3x64x64-nchw.f32"));
            float[] expected = Fixtures.readFloats(dir.resolve("embedding-32.f32"));
            float[] actual = model.embedNchw(input, 1)[0];
            double cosine = Fixtures.cosine(actual, expected);
            assertTrue(cosine >= 0.9999, "cosine " + cosine);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4, "component " + i);
            }
        }
    }

    @Test
    void embedsImagesInBatchesAndTheIdFollowsTheWeights(@TempDir Path temp) throws Exception {
        Path original = Fixtures.shared("torchscript-tiny").resolve("tiny-cnn.pt");
        Path copy = Files.copy(original, temp.resolve("tiny-cnn.pt"));
        try (TorchScriptEmbeddingModel model = TorchScriptEmbeddingModel.load(copy.toString(),
                new ImagePreprocessor(64, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}), "tiny")) {
            BufferedImage a = TestImages.pattern(1, 100, 80, BufferedImage.TYPE_INT_RGB);
            BufferedImage b = TestImages.pattern(2, 100, 80, BufferedImage.TYPE_INT_RGB);
            float[][] batch = model.embed(List.of(a, b));
            assertEquals(2, batch.length);
            assertEquals(1.0, Fixtures.cosine(batch[0], model.embed(a)), 1e-5);
            assertNotEquals(1.0, Fixtures.cosine(batch[0], batch[1]), 1e-6);
            Files.write(copy, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
            assertNotEquals(model.id(), TorchScriptEmbeddingModel.load(copy.toString(), ImagePreprocessor.unitRange(64),
                    null).id(), "changed weights give a new model id");
        }
    }

    @Test
    void aMissingFileIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptEmbeddingModel.load("/nonexistent/model.pt", ImagePreprocessor.unitRange(64), null));
        assertTrue(error.getMessage().contains("No TorchScript file"));
    }
}
