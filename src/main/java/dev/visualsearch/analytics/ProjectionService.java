package dev.visualsearch.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.ActiveModel;
import dev.visualsearch.embedding.EmbeddingRepository;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.embedding.EmbeddingStamp;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Computes the catalogue maps (the pipeline's {@code project} job): PCA, then t-SNE, of every stored vector of the
 * active model, each stored as soon as it is done. Blocking: runs on the pipeline worker.
 */
@ApplicationScoped
public class ProjectionService {

    private static final Logger LOG = Logger.getLogger(ProjectionService.class);

    /** What a run produced. */
    public record Result(int points, long pcaMs, long tsneMs) {
    }

    private final ProjectionConfig config;
    private final ProjectionRepository repository;
    private final EmbeddingRepository embeddings;
    private final ActiveModel model;
    private final ObjectMapper json;

    public ProjectionService(ProjectionConfig config, ProjectionRepository repository, EmbeddingRepository embeddings,
                             ActiveModel model, ObjectMapper json) {
        this.config = config;
        this.repository = repository;
        this.embeddings = embeddings;
        this.model = model;
        this.json = json;
    }

    public Result run(Progress progress) {
        String modelId = model.id();
        EmbeddingStamp stamp = BlockingDatabase.await(() -> embeddings.stamp(modelId));
        List<StoredVector> stored = BlockingDatabase.await(() -> embeddings.all(modelId));
        if (stored.size() < TsneProjector.MIN_POINTS) {
            throw new IllegalStateException("Projections need at least " + TsneProjector.MIN_POINTS
                    + " embedded products; " + stored.size() + " found for model " + modelId
                    + " (run the embed job first)");
        }
        float[][] vectors = stored.stream().map(StoredVector::vector).toArray(float[][]::new);
        long[] ids = stored.stream().mapToLong(StoredVector::productId).toArray();

        progress.report(0.0, "PCA of " + vectors.length + " vectors");
        long start = System.nanoTime();
        double[][] pca = new PcaProjector(config.seed()).project(vectors);
        long pcaMs = (System.nanoTime() - start) / 1_000_000;
        save(modelId, ProjectionMethod.pca, Map.of("seed", config.seed(), "components", 2), stamp, pcaMs, ids, pca);

        progress.report(0.05, "t-SNE of " + vectors.length + " vectors");
        start = System.nanoTime();
        TsneProjector tsne = new TsneProjector(config);
        double[][] map = tsne.project(vectors, done -> progress.report(0.05 + 0.95 * done,
                "t-SNE of " + vectors.length + " vectors"));
        long tsneMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("library", "de.javagl:bh-tsne 0.0.1 (Barnes-Hut)");
        parameters.put("seed", config.seed());
        parameters.put("perplexity", tsne.perplexityFor(vectors.length));
        parameters.put("theta", config.theta());
        parameters.put("iterations", config.iterations());
        parameters.put("initialDims", config.tsneInitialDims());
        save(modelId, ProjectionMethod.tsne, parameters, stamp, tsneMs, ids, map);
        LOG.infof("Projections of %d vectors of %s: PCA %d ms, t-SNE %d ms", ids.length, modelId, pcaMs, tsneMs);
        return new Result(ids.length, pcaMs, tsneMs);
    }

    private void save(String modelId, ProjectionMethod method, Map<String, Object> parameters, EmbeddingStamp stamp,
                      long tookMs, long[] ids, double[][] points) {
        String parametersJson;
        try {
            parametersJson = json.writeValueAsString(parameters);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        BlockingDatabase.await(() -> repository.replace(modelId, method, parametersJson, stamp, tookMs, ids, points));
    }
}
