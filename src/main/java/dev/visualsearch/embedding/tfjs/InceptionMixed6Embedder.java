package dev.visualsearch.embedding.tfjs;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.Vectors;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline default backbone: InceptionV3 (ImageNet-initialised, from nsfwjs 4.4.0) cut at {@code mixed6}.
 * Embedding = global average of the 768 x 17 x 17 feature map, L2-normalised. Safe for concurrent use. Built with
 * several layers of the same grid (mixed4..mixed6 are all 768 x 17 x 17), its feature map is their channels side by
 * side, so poolings and explanations treat the fused map like any other.
 */
public final class InceptionMixed6Embedder implements AutoCloseable {

    public static final String CUT_LAYER = "mixed6";
    public static final int SIZE = 299;
    public static final int DIMENSION = 768;
    private static final int PIXELS = SIZE * SIZE * 3;

    private final TfjsGraph graph;
    private final List<String> layers;

    public InceptionMixed6Embedder(TfjsGraph graph) {
        this(graph, List.of(CUT_LAYER));
    }

    private InceptionMixed6Embedder(TfjsGraph graph, List<String> layers) {
        this.graph = graph;
        this.layers = List.copyOf(layers);
    }

    /** Loads the model from the npm tarball {@code nsfwjs-4.4.0.tgz}. */
    public static InceptionMixed6Embedder load(Path nsfwjsTgz) {
        return load(nsfwjsTgz, List.of(CUT_LAYER));
    }

    /**
     * Loads the model with a feature map made of {@code layers} side by side, shallow to deep (one of mixed4,
     * mixed5, mixed6; the ImageNet-trained part of the network ends inside mixed6).
     */
    public static InceptionMixed6Embedder load(Path nsfwjsTgz, List<String> layers) {
        for (String layer : layers) {
            if (!layer.matches("mixed[4-6]")) {
                throw new IllegalArgumentException("layer " + layer + " is not one of mixed4, mixed5, mixed6");
            }
        }
        return new InceptionMixed6Embedder(TfjsGraph.withOutputs(TfjsArchive.open(nsfwjsTgz), layers, true), layers);
    }

    /** The layers whose channels make the feature map. */
    public List<String> layers() {
        return layers;
    }

    /** Channels of the feature map: 768 per layer. */
    public int dimension() {
        return DIMENSION * layers.size();
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
        NDList maps = graph.forwardAll(input);
        NDArray map = maps.size() == 1 ? maps.get(0) : NDArrays.concat(maps, 1);
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
        return Vectors.rows(embeddings.toFloatArray(), n);
    }
}
