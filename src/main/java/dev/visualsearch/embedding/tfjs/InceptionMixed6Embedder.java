package dev.visualsearch.embedding.tfjs;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;

/**
 * The offline default backbone: InceptionV3 (ImageNet-initialised, from nsfwjs 4.4.0) cut at {@code mixed6}.
 * Embedding = global average of the 768 x 17 x 17 feature map, L2-normalised. Safe for concurrent use.
 */
public final class InceptionMixed6Embedder implements AutoCloseable {

    public static final String CUT_LAYER = "mixed6";
    public static final int SIZE = 299;
    public static final int DIMENSION = 768;
    private static final int PIXELS = SIZE * SIZE * 3;

    private final TfjsGraph graph;

    public InceptionMixed6Embedder(TfjsGraph graph) {
        this.graph = graph;
    }

    /** Loads the model from the npm tarball {@code nsfwjs-4.4.0.tgz}. */
    public static InceptionMixed6Embedder load(Path nsfwjsTgz) {
        return new InceptionMixed6Embedder(TfjsGraph.cutAt(TfjsArchive.open(nsfwjsTgz), CUT_LAYER, true));
    }

    /** Embeds {@code n} images given as one NCHW float batch (n x 3 x 299 x 299, values in [0,1]). */
    public float[][] embed(float[] nchwBatch, int n) {
        if (n < 1 || nchwBatch.length != (long) n * PIXELS) {
            throw new IllegalArgumentException("expected " + n + " x 3 x 299 x 299 floats, got " + nchwBatch.length);
        }
        try (NDManager call = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = call.create(nchwBatch, new Shape(n, 3, SIZE, SIZE));
            return rows(embedding(featureMap(call, input)), n);
        }
    }

    /** Embeds one image given as 299 x 299 x 3 (height, width, RGB) floats in [0,1]. */
    public float[] embedHwc(float[] hwc299) {
        if (hwc299.length != PIXELS) {
            throw new IllegalArgumentException("expected 299 x 299 x 3 floats, got " + hwc299.length);
        }
        try (NDManager call = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = call.create(hwc299, new Shape(1, SIZE, SIZE, 3)).transpose(0, 3, 1, 2);
            return rows(embedding(featureMap(call, input)), 1)[0];
        }
    }

    /** The {@code mixed6} feature map (N x 768 x 17 x 17) of an NCHW input, attached to {@code manager}. */
    public NDArray featureMap(NDManager manager, NDArray input) {
        NDArray map = graph.forward(input);
        map.attach(manager);
        return map;
    }

    /** Global average over the grid, then L2-normalised: N x 768. Plain NDArray ops (differentiable). */
    public static NDArray embedding(NDArray featureMap) {
        Shape shape = featureMap.getShape();
        NDArray pooled = featureMap.reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2});
        return pooled.div(pooled.norm(new int[] {1}, true));
    }

    @Override
    public void close() {
        graph.close();
    }

    private static float[][] rows(NDArray embeddings, int n) {
        float[] flat = embeddings.toFloatArray();
        float[][] rows = new float[n][DIMENSION];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * DIMENSION, rows[i], 0, DIMENSION);
        }
        return rows;
    }
}
