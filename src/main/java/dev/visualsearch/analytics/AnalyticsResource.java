package dev.visualsearch.analytics;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.ActiveModel;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    private static final int MAX_DAYS = 3650;

    /** A catalogue map as the UI plots it. */
    public record Projection(String method, String model, java.time.Instant computedAt,
                             List<ProjectionRepository.Point> points) {
    }

    private final ProjectionRepository projections;
    private final SearchMetricsRepository metrics;
    private final ActiveModel model;

    public AnalyticsResource(ProjectionRepository projections, SearchMetricsRepository metrics, ActiveModel model) {
        this.projections = projections;
        this.metrics = metrics;
        this.model = model;
    }

    /** The 2-D map of the active model's embeddings; 404 until the project job has computed it. */
    @GET
    @Path("/projection")
    public Uni<Projection> projection(@RestQuery String method) {
        ProjectionMethod parsed = ProjectionMethod.parse(method);
        String modelId = model.id();
        return projections.find(modelId, parsed).map(stored -> {
            if (stored == null) {
                throw new ApiProblem(404, "Not found", "No " + parsed + " projection has been computed for model "
                        + modelId + " yet: run the project job (POST /api/pipeline/runs {\"job\":\"project\"}, "
                        + "or the Pipelines page); the schedule also runs it when the embeddings change");
            }
            return new Projection(stored.method(), stored.model(), stored.computedAt(), stored.points());
        });
    }

    /** Search counts, latency percentiles, zero-result rate and breakdowns from the search log. */
    @GET
    @Path("/search-metrics")
    public Uni<SearchMetrics> searchMetrics(@RestQuery Integer days) {
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw ApiProblem.badRequest("days must be between 1 and " + MAX_DAYS);
        }
        return metrics.metrics(days);
    }
}
