package dev.visualsearch.embedding;

import dev.visualsearch.catalog.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Embeds a bundled probe image when the default model loads and compares it with the reference embedding an
 * independent implementation computed for it. Why: libtorch's oneDNN AVX-512 kernels computed wrong embeddings
 * (cosine 0.74 to the reference) on one CPU (docs/models.md); a service that loads cleanly but ranks by wrong vectors
 * is worse than one that refuses to start its model and says why.
 */
public final class ModelSelfCheck {

    /** The bar of the reference fixtures' own PNG test (decoding and resizing differ slightly from the reference). */
    static final double MIN_COSINE = 0.99;
    private static final String PROBE = "/selfcheck/inception-mixed6-probe.png";
    private static final String REFERENCE = "/selfcheck/inception-mixed6-probe.embedding-768.f32";

    private ModelSelfCheck() {
    }

    /** The cosine between the model's embedding of the probe and the reference; throws below {@link #MIN_COSINE}. */
    public static double verify(EmbeddingModel model) {
        return verify(model, false);
    }

    /**
     * As {@link #verify(EmbeddingModel)}; with {@code injectFaultWhenUncapped} the probe's vector is scrambled while
     * oneDNN is uncapped, which is how tests make the check fail on CPUs whose kernels are right.
     */
    public static double verify(EmbeddingModel model, boolean injectFaultWhenUncapped) {
        return verify(model.id(), image -> {
            float[] vector = model.embed(image);
            return injectFaultWhenUncapped && OneDnnCap.current() == null ? reversed(vector) : vector;
        });
    }

    /**
     * The same check for code that runs the default backbone's graph itself (the quality evaluation):
     * {@code embedding} must give the plain default embedding (mixed6 average, L2-normalised) of an image.
     */
    public static double verify(String modelId, Function<BufferedImage, float[]> embedding) {
        float[] reference = reference();
        float[] vector = embedding.apply(probe());
        if (vector.length != reference.length) {
            throw new IllegalStateException("Model self-check: " + modelId + " gives " + vector.length
                    + " dimensions, the reference has " + reference.length);
        }
        double cosine = Vectors.cosine(vector, reference);
        if (!(cosine >= MIN_COSINE)) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "Model self-check failed: %s embeds "
                    + "the probe image at cosine %.3f to its reference (at least %.2f expected), so its similarities "
                    + "would be wrong. Seen with libtorch's oneDNN AVX-512 kernels on some CPUs: restart with the "
                    + "environment variable ONEDNN_MAX_CPU_ISA=AVX2 (docs/models.md).", modelId, cosine,
                    MIN_COSINE));
        }
        return cosine;
    }

    private static float[] reversed(float[] vector) {
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[vector.length - 1 - i];
        }
        return out;
    }

    /** The probe PNG with its alpha composited on white, as the service's decoder does for every image. */
    static BufferedImage probe() {
        try (InputStream in = ModelSelfCheck.class.getResourceAsStream(PROBE)) {
            return ImageDecoder.onWhite(ImageIO.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Model self-check probe " + PROBE + " unreadable", e);
        }
    }

    static float[] reference() {
        try (InputStream in = ModelSelfCheck.class.getResourceAsStream(REFERENCE)) {
            return Vectors.fromBytes(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Model self-check reference " + REFERENCE + " unreadable", e);
        }
    }
}
