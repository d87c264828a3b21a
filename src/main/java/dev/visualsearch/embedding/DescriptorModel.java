package dev.visualsearch.embedding;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.framing.Framing;
import dev.visualsearch.embedding.framing.ObjectFraming;
import dev.visualsearch.embedding.framing.SalientFraming;
import dev.visualsearch.embedding.framing.WholeImage;
import dev.visualsearch.embedding.pooling.AveragePooling;
import dev.visualsearch.embedding.pooling.Pooling;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * A backbone's feature map turned into a retrieval descriptor: the image is framed first (e.g. cut to the object on
 * a plain background), then the map is pooled (e.g. GeM) and L2-normalised. Works for any {@link FeatureMapModel},
 * the default InceptionV3 and TorchScript models alike. The id names the backbone and every step that differs from
 * a plain average of the whole image, so vectors made one way are never mixed with vectors made another.
 */
public final class DescriptorModel implements FeatureMapModel {

    private final FeatureMapModel backbone;
    private final Pooling pooling;
    private final Framing framing;
    private final String id;
    private final int dimension;

    public DescriptorModel(FeatureMapModel backbone, Pooling pooling, Framing framing) {
        this(backbone, pooling, framing, channels(backbone));
    }

    private DescriptorModel(FeatureMapModel backbone, Pooling pooling, Framing framing, int dimension) {
        this.backbone = backbone;
        this.pooling = pooling;
        this.framing = framing;
        this.id = idOf(backbone.id(), pooling, framing);
        this.dimension = dimension;
    }

    /**
     * {@code model} with salient framing swapped for object framing (same backbone, pooling and size), or
     * {@code model} itself when it frames otherwise. Both frame an image on a plain background alike.
     */
    public static EmbeddingModel withoutSalientMask(EmbeddingModel model) {
        return model instanceof DescriptorModel d && d.framing instanceof SalientFraming
                ? new DescriptorModel(d.backbone, d.pooling, new ObjectFraming(), d.dimension) : model;
    }

    /** The id a backbone gets with this pooling and framing (known without loading the backbone). */
    public static String idOf(String backboneId, Pooling pooling, Framing framing) {
        String suffix = (pooling instanceof AveragePooling ? "" : "+" + pooling.id())
                + (framing instanceof WholeImage ? "" : "+" + framing.id());
        return backboneId + suffix;
    }

    @Override
    public Pooling pooling() {
        return pooling;
    }

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return backbone.description() + ", " + pooling.id() + " pooling"
                + (framing instanceof WholeImage ? "" : ", " + framing.id() + " framing");
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int inputSize() {
        return backbone.inputSize();
    }

    @Override
    public float[][] embed(List<BufferedImage> images) {
        List<BufferedImage> framed = images.stream().map(image -> framing.frame(image).image()).toList();
        int size = backbone.preprocessor().size();
        try (NDManager call = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = call.create(backbone.preprocessor().toNchw(framed), new Shape(images.size(), 3, size,
                    size));
            return Vectors.rows(embedding(backbone.featureMap(call, input)).toFloatArray(), images.size());
        }
    }

    @Override
    public NDArray embedding(NDArray featureMap) {
        NDArray pooled = pooling.pool(featureMap);
        return pooled.div(pooled.norm(new int[] {1}, true).maximum(1e-12f));
    }

    @Override
    public String featureLayer() {
        return backbone.featureLayer();
    }

    @Override
    public ImagePreprocessor preprocessor() {
        return backbone.preprocessor();
    }

    @Override
    public NDArray featureMap(NDManager manager, NDArray nchw) {
        return backbone.featureMap(manager, nchw);
    }

    @Override
    public boolean hasLogits() {
        return backbone.hasLogits();
    }

    @Override
    public NDArray logits(NDArray featureMap) {
        return backbone.logits(featureMap);
    }

    @Override
    public Optional<FeatureMapModel> featureMaps() {
        return Optional.of(this);
    }

    @Override
    public void close() {
        backbone.close();
    }

    /** The feature map's channel count, which pooling keeps: one forward pass of a blank image. */
    private static int channels(FeatureMapModel backbone) {
        int size = backbone.preprocessor().size();
        try (NDManager call = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray blank = call.zeros(new Shape(1, 3, size, size));
            return (int) backbone.featureMap(call, blank).getShape().get(1);
        }
    }
}
