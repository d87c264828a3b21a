package dev.visualsearch.pipeline;

import dev.visualsearch.adapt.AdaptJob;
import dev.visualsearch.analytics.ProjectionMethod;
import dev.visualsearch.analytics.ProjectionRepository;
import dev.visualsearch.analytics.TsneProjector;
import dev.visualsearch.cluster.ClusterRepository;
import dev.visualsearch.embedding.ActiveModel;
import dev.visualsearch.embedding.EmbeddingRepository;
import dev.visualsearch.embedding.EmbeddingStamp;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What the scheduled pipeline would have to do: products without a vector for the active model, and derived
 * artefacts (clusters, projections) computed from other embeddings than the current ones. Compares the current
 * {@link EmbeddingStamp} with the stamp each artefact recorded when it was computed; and whether the adapt job is due
 * (AdaptJob#due).
 */
@ApplicationScoped
public class PipelineChanges {

    /** The state of the active model's derived data. */
    public record Changes(String modelId, long missing, EmbeddingStamp current, boolean clustersStale,
                          boolean projectionsStale, Optional<String> adaptDue) {

        public boolean any() {
            return missing > 0 || clustersStale || projectionsStale || adaptDue.isPresent();
        }

        public String describe() {
            return current.count() + " vector(s) of " + modelId + ", newest " + current.newest() + "; " + missing
                    + " product(s) to embed; clusters " + (clustersStale ? "stale" : "up to date")
                    + ", projections " + (projectionsStale ? "stale" : "up to date")
                    + adaptDue.map(why -> "; adapt due: " + why).orElse("");
        }
    }

    /** The fewest vectors clustering needs; below it there is nothing to schedule. */
    static final int MIN_CLUSTER_VECTORS = 2;

    private final ActiveModel model;
    private final EmbeddingRepository embeddings;
    private final ClusterRepository clusters;
    private final ProjectionRepository projections;
    private final AdaptJob adapt;

    public PipelineChanges(ActiveModel model, EmbeddingRepository embeddings, ClusterRepository clusters,
                           ProjectionRepository projections, AdaptJob adapt) {
        this.model = model;
        this.embeddings = embeddings;
        this.clusters = clusters;
        this.projections = projections;
        this.adapt = adapt;
    }

    public Uni<Changes> check() {
        String modelId = model.id();
        // one after the other: the two Hibernate queries share the context's session, which is not concurrent
        return embeddings.countMissing(modelId).chain(missing -> embeddings.stamp(modelId).chain(stamp -> Uni.combine()
                        .all().unis(Uni.createFrom().item(missing), Uni.createFrom().item(stamp),
                                clusters.activeStamp(modelId), projections.stamps(modelId)).asTuple()))
                .map(all -> {
                    EmbeddingStamp current = all.getItem2();
                    boolean clustersStale = current.count() >= MIN_CLUSTER_VECTORS
                            && !current.equals(all.getItem3());
                    Map<ProjectionMethod, EmbeddingStamp> stamps = all.getItem4();
                    boolean projectionsStale = current.count() >= TsneProjector.MIN_POINTS
                            && Arrays.stream(ProjectionMethod.values()).anyMatch(m -> !current.equals(stamps.get(m)));
                    return new Changes(modelId, all.getItem1(), current, clustersStale, projectionsStale,
                            adapt.due());
                });
    }
}
