package dev.visualsearch.embedding.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.visualsearch.common.Digests;
import dev.visualsearch.embedding.EmbeddingModel;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.ImagePreprocessor;
import dev.visualsearch.embedding.Vectors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Any TorchScript image model, loaded by DJL from a file path or URL (DJL model-zoo URLs included). The model takes
 * an N x 3 x S x S batch and returns either an embedding (N x D), a feature map (N x C x H x W, pooled here), or a
 * tuple (embedding, feature map) whose second part Grad-CAM can use. Outputs are L2-normalised here in any case.
 * A model may also export the methods {@code features(x) -> N x C x H x W} and {@code head(features) -> N x K}
 * ({@code @torch.jit.export}); explanations then use them, and {@code head} gives class logits for class targets.
 */
public final class TorchScriptEmbeddingModel implements FeatureMapModel {

    private static final String FEATURES = "features";
    private static final String HEAD = "head";

    private final ZooModel<NDList, NDList> model;
    private final ImagePreprocessor preprocessor;
    private final String id;
    private final String name;
    private final int dimension;
    private final Set<String> methods;
    /** Which forward output is a feature map (-1: none), when there is no {@code features} method. */
    private final int featureOutput;

    private TorchScriptEmbeddingModel(ZooModel<NDList, NDList> model, ImagePreprocessor preprocessor, String id,
                                      String name) {
        this.model = model;
        this.preprocessor = preprocessor;
        this.id = id;
        this.name = name;
        this.methods = Set.of(JniUtils.getMethodNames((PtSymbolBlock) model.getBlock()));
        int[] probed = probe();
        this.dimension = probed[0];
        this.featureOutput = probed[1];
    }

    /**
     * Loads the model. {@code location} is a path to a {@code .pt} file or a URL; the id includes a hash of a local
     * file's bytes so that replacing the weights is noticed as a model change.
     */
    public static TorchScriptEmbeddingModel load(String location, ImagePreprocessor preprocessor, String name) {
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator())
                // Without it DJL loads the weights as inference tensors, through which autograd cannot go back
                // (Grad-CAM for class targets back-propagates through the model's head); frozen again below.
                .optOption("trainParam", "true");
        Path file = asLocalFile(location);
        String id;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("No TorchScript file at " + file.toAbsolutePath());
            }
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            criteria.optModelPath(file.toAbsolutePath()).optModelName(stem);
            id = "torchscript:" + stem + "@" + HexFormat.of().formatHex(Digests.of("SHA-256", file)).substring(0, 12);
        } else {
            criteria.optModelUrls(location);
            id = "torchscript:" + location;
        }
        try {
            ZooModel<NDList, NDList> model = criteria.build().loadModel();
            model.getBlock().freezeParameters(true);
            String shownName = name != null ? name : file != null ? file.getFileName().toString() : location;
            return new TorchScriptEmbeddingModel(model, preprocessor, id, shownName);
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("Could not load the TorchScript model at " + location + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "TorchScript " + name + ", " + dimension + "-d, input " + preprocessor.size() + " px";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int inputSize() {
        return preprocessor.size();
    }

    @Override
    public float[][] embed(List<BufferedImage> images) {
        return embedNchw(preprocessor.toNchw(images), images.size());
    }

    /** Embeds an already preprocessed NCHW batch. */
    public float[][] embedNchw(float[] batch, int n) {
        int size = preprocessor.size();
        try (NDManager call = model.getNDManager().newSubManager();
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray input = call.create(batch, new Shape(n, 3, size, size));
            NDList outputs = predictor.predict(new NDList(input));
            NDArray embedding = pooledAndNormalised(outputs.get(0));
            float[][] rows = Vectors.rows(embedding.toFloatArray(), n);
            outputs.close();
            return rows;
        } catch (TranslateException e) {
            throw new IllegalStateException("The TorchScript model failed: " + e.getMessage(), e);
        }
    }

    private static NDArray pooledAndNormalised(NDArray output) {
        // DJL's PyTorch mean takes one axis at a time: flatten the grid, then average it.
        Shape shape = output.getShape();
        NDArray vectors = shape.dimension() == 4
                ? output.reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2}) : output;
        if (vectors.getShape().dimension() != 2) {
            throw new IllegalStateException("Expected an N x D embedding or an N x C x H x W feature map, got "
                    + output.getShape());
        }
        return vectors.div(vectors.norm(new int[] {1}, true).maximum(1e-12f));
    }

    /** Runs a blank image once: the embedding dimension and which output (if any) is a feature map. */
    private int[] probe() {
        int size = preprocessor.size();
        int dim = embedNchw(new float[3 * size * size], 1)[0].length;
        try (NDManager call = model.getNDManager().newSubManager();
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDList outputs = predictor.predict(new NDList(call.zeros(new Shape(1, 3, size, size))));
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).getShape().dimension() == 4) {
                    return new int[] {dim, i};
                }
            }
            return new int[] {dim, -1};
        } catch (TranslateException e) {
            throw new IllegalStateException("The TorchScript model failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<FeatureMapModel> featureMaps() {
        return methods.contains(FEATURES) || featureOutput >= 0 ? Optional.of(this) : Optional.empty();
    }

    @Override
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public String featureLayer() {
        return methods.contains(FEATURES) ? FEATURES : "output" + featureOutput;
    }

    @Override
    public NDArray featureMap(NDManager manager, NDArray nchw) {
        if (methods.contains(FEATURES)) {
            return runMethod(FEATURES, nchw, manager, false);
        }
        if (featureOutput < 0) {
            throw new UnsupportedOperationException(id + " returns no feature map");
        }
        NDList outputs = IValueUtils.forward((PtSymbolBlock) model.getBlock(), new NDList(nchw), false);
        NDArray map = outputs.get(featureOutput);
        map.attach(manager);
        return map;
    }

    @Override
    public boolean hasLogits() {
        return methods.contains(HEAD);
    }

    @Override
    public NDArray logits(NDArray featureMap) {
        if (!hasLogits()) {
            return FeatureMapModel.super.logits(featureMap);
        }
        return runMethod(HEAD, featureMap, featureMap.getManager(), true);
    }

    /**
     * Calls an exported TorchScript method on one tensor. DJL selects the method from an array named
     * {@code module_method:<name>}; {@code withAutograd} keeps the call out of DJL's no-grad guard (it does not switch
     * the module to training mode), so a {@code GradientCollector} can back-propagate through the head.
     */
    private NDArray runMethod(String method, NDArray input, NDManager manager, boolean withAutograd) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray selector = scope.zeros(new Shape(1));
            selector.setName("module_method:" + method);
            NDList outputs = IValueUtils.forward((PtSymbolBlock) model.getBlock(), new NDList(input, selector),
                    withAutograd);
            NDArray result = outputs.singletonOrThrow();
            result.attach(manager);
            return result;
        }
    }

    private static Path asLocalFile(String location) {
        if (location.startsWith("file:")) {
            return Path.of(java.net.URI.create(location));
        }
        return location.contains("://") ? null : Path.of(location);
    }

    @Override
    public void close() {
        model.close();
    }
}
