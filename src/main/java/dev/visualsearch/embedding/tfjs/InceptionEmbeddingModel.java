package dev.visualsearch.embedding.tfjs;

import dev.visualsearch.embedding.EmbeddingModel;
import dev.visualsearch.embedding.ImagePreprocessor;
import java.awt.image.BufferedImage;
import java.util.List;

/** The offline default: InceptionV3 from nsfwjs 4.4.0, cut at mixed6, as an {@link EmbeddingModel}. */
public final class InceptionEmbeddingModel implements EmbeddingModel {

    public static final String ID = "inception-v3-mixed6@nsfwjs-4.4.0";

    private final InceptionMixed6Embedder embedder;
    private final ImagePreprocessor preprocessor = ImagePreprocessor.unitRange(InceptionMixed6Embedder.SIZE);

    public InceptionEmbeddingModel(InceptionMixed6Embedder embedder) {
        this.embedder = embedder;
    }

    public InceptionMixed6Embedder network() {
        return embedder;
    }

    public ImagePreprocessor preprocessor() {
        return preprocessor;
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
