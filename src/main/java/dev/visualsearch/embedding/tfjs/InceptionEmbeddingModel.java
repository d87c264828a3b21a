package dev.visualsearch.embedding.tfjs;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.EmbeddingModel;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.ImagePreprocessor;
import dev.visualsearch.embedding.Vectors;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * The offline default backbone: InceptionV3 from nsfwjs 4.4.0, cut at mixed6 (optionally with earlier blocks'
 * channels beside it), as an {@link EmbeddingModel}. Its plain embedding is the averaged feature map, L2-normalised;
 * {@code DescriptorModel} pools it otherwise.
 */
public final class InceptionEmbeddingModel implements FeatureMapModel {

    /** The id of the plain mixed6 backbone (the reference fixtures' model). */
    public static final String ID = idOf(List.of(InceptionMixed6Embedder.CUT_LAYER));

    private final InceptionMixed6Embedder embedder;
    private final ImagePreprocessor preprocessor = ImagePreprocessor.unitRange(InceptionMixed6Embedder.SIZE);

    public InceptionEmbeddingModel(InceptionMixed6Embedder embedder) {
        this.embedder = embedder;
    }

    /** The id of the backbone whose feature map is {@code layers} side by side. */
    public static String idOf(List<String> layers) {
        return "inception-v3-" + String.join("+", layers) + "@nsfwjs-4.4.0";
    }

    public InceptionMixed6Embedder network() {
        return embedder;
    }

    @Override
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public String featureLayer() {
        return String.join("+", embedder.layers());
    }

    @Override
    public NDArray featureMap(NDManager manager, NDArray nchw) {
        return embedder.featureMap(manager, nchw);
    }

    @Override
    public NDArray embedding(NDArray featureMap) {
        return InceptionMixed6Embedder.embedding(featureMap);
    }

    @Override
    public Optional<FeatureMapModel> featureMaps() {
        return Optional.of(this);
    }

    @Override
    public String id() {
        return idOf(embedder.layers());
    }

    @Override
    public String description() {
        return "InceptionV3 (ImageNet-initialised, from nsfwjs 4.4.0), layer " + String.join(" + ", embedder.layers())
                + ", " + dimension() + "-d";
    }

    @Override
    public int dimension() {
        return embedder.dimension();
    }

    @Override
    public int inputSize() {
        return InceptionMixed6Embedder.SIZE;
    }

    @Override
    public float[][] embed(List<BufferedImage> images) {
        return embedder.embed(preprocessor.toNchw(images), images.size());
    }

    /**
     * The plain mixed6 embedding (average of the last 768 channels, L2-normalised), whatever layers the map holds:
     * what the reference fixtures and the self-check probe were computed with.
     */
    public EmbeddingModel mixed6Reference() {
        InceptionEmbeddingModel self = this;
        return new EmbeddingModel() {
            @Override
            public String id() {
                return ID;
            }

            @Override
            public String description() {
                return self.description() + " (mixed6 average, the reference)";
            }

            @Override
            public int dimension() {
                return InceptionMixed6Embedder.DIMENSION;
            }

            @Override
            public int inputSize() {
                return self.inputSize();
            }

            @Override
            public float[][] embed(List<BufferedImage> images) {
                int size = InceptionMixed6Embedder.SIZE;
                try (NDManager call = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                    NDArray input = call.create(preprocessor.toNchw(images), new Shape(images.size(), 3, size, size));
                    NDArray map = self.featureMap(call, input);
                    long channels = map.getShape().get(1);
                    NDArray mixed6 = map.get(new NDIndex(":, {}:", channels - InceptionMixed6Embedder.DIMENSION));
                    return Vectors.rows(InceptionMixed6Embedder.embedding(mixed6).toFloatArray(), images.size());
                }
            }

            @Override
            public void close() {
                // the backbone is closed by its owner
            }
        };
    }

    @Override
    public void close() {
        embedder.close();
    }
}
