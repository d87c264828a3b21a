package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.EmbeddingModel;
import dev.visualsearch.embedding.ImagePreprocessor;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * The offline default: InceptionV3 from nsfwjs 4.4.0, cut at mixed6, as an {@link EmbeddingModel}. Its embedding is
 * the pooled {@code mixed6} map itself, so it exposes that map for explanations.
 */
public final class InceptionEmbeddingModel implements FeatureMapModel {

    public static final String ID = "inception-v3-mixed6@nsfwjs-4.4.0";

    private final InceptionMixed6Embedder embedder;
    private final ImagePreprocessor preprocessor = ImagePreprocessor.unitRange(InceptionMixed6Embedder.SIZE);

    public InceptionEmbeddingModel(InceptionMixed6Embedder embedder) {
        this.embedder = embedder;
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
        return InceptionMixed6Embedder.CUT_LAYER;
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
        return ID;
    }

    @Override
    public String description() {
        return "InceptionV3 (ImageNet-initialised, from nsfwjs 4.4.0), layer mixed6, 768-d";
    }

    @Override
    public int dimension() {
        return InceptionMixed6Embedder.DIMENSION;
    }

    @Override
    public int inputSize() {
        return InceptionMixed6Embedder.SIZE;
    }

    @Override
    public float[][] embed(List<BufferedImage> images) {
        return embedder.embed(preprocessor.toNchw(images), images.size());
    }

    @Override
    public void close() {
        embedder.close();
    }
}
