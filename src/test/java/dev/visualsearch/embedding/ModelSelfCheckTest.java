package dev.visualsearch.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The start-up self-check's verdicts (the real default model passing it: DefaultModelFromPngTest). */
class ModelSelfCheckTest {

    @Test
    void aModelThatReproducesTheReferencePasses() {
        float[] reference = ModelSelfCheck.reference();
        assertEquals(768, reference.length);
        assertEquals(1.0, ModelSelfCheck.verify(fake(image -> reference)), 1e-5);
    }

    @Test
    void aModelThatEmbedsTheProbeWronglyIsRefusedWithTheWorkaroundNamed() {
        float[] reference = ModelSelfCheck.reference();
        float[] skewed = reference.clone();
        for (int i = 0; i < skewed.length; i += 2) {
            skewed[i] = -skewed[i]; // half the coordinates flipped: far from the reference, still unit length
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelSelfCheck.verify(fake(image -> skewed)));
        assertTrue(e.getMessage().contains("ONEDNN_MAX_CPU_ISA=AVX2"), e.getMessage());
        assertTrue(e.getMessage().contains("fake"), e.getMessage());
    }

    @Test
    void theProbeIsOpaqueRgbAtItsOwnSize() {
        BufferedImage probe = ModelSelfCheck.probe();
        assertEquals(BufferedImage.TYPE_INT_RGB, probe.getType());
        assertTrue(probe.getWidth() > 0 && probe.getHeight() > 0);
        assertEquals(0xFFFFFF, probe.getRGB(0, 0) & 0xFFFFFF, "transparent corner composited on white");
    }

    private static EmbeddingModel fake(Function<BufferedImage, float[]> embed) {
        return new EmbeddingModel() {
            @Override
            public String id() {
                return "fake";
            }

            @Override
            public String description() {
                return "fake";
            }

            @Override
            public int dimension() {
                return 768;
            }

            @Override
            public int inputSize() {
                return 299;
            }

            @Override
            public float[][] embed(List<BufferedImage> images) {
                return images.stream().map(embed).toArray(float[][]::new);
            }

            @Override
            public void close() {
            }
        };
    }
}
