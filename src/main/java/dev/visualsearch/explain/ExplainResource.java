package dev.visualsearch.explain;

import dev.visualsearch.catalog.CatalogService;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.web.RateLimited;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.search.QueryImages;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Why does a search result match? {@code queryId} comes from a search response. {@code view=overlay|heatmap|json},
 * {@code method=gradcam|gradcam-autograd|simmap|scorecam|occlusion},
 * {@code side=result|query}. Answers carry {@code X-Cache: hit|miss}. Work runs on worker threads.
 */
@Path("/explain")
@RateLimited
public class ExplainResource {

    private final ExplainService explain;
    private final ExplainSubjects subjects;
    private final CatalogService catalog;
    private final QueryImages queries;
    private final IndexService indexes;
    private final Vertx vertx;

    public ExplainResource(ExplainService explain, ExplainSubjects subjects, CatalogService catalog,
                           QueryImages queries, IndexService indexes, Vertx vertx) {
        this.explain = explain;
        this.subjects = subjects;
        this.catalog = catalog;
        this.queries = queries;
        this.indexes = indexes;
        this.vertx = vertx;
    }

    @GET
    @Path("{queryId}/{productId}")
    @Produces({"image/png", "application/json"})
    @Operation(summary = "Explain why a search result matches the query image (Grad-CAM heatmap)")
    public Uni<Response> searchResult(@RestPath String queryId, @RestPath long productId, @RestQuery String view,
                                      @RestQuery String method, @RestQuery String side) {
        ExplainService.Request request = explain.request(view, method, side);
        UUID id = parseQueryId(queryId);
        return catalog.get(productId).chain(product -> queries.find(id).chain(found -> {
            byte[] bytes = found.orElseThrow(() -> ApiProblem.notFound("Query", queryId)
                    .with("hint", "query images are kept for a limited time; search again"));
            return queries.vector(id, indexes.activeModelId()).chain(vector -> vertx.executeBlocking(() -> {
                var query = subjects.of(bytes, vector);
                return ExplainSubjects.respond(explain.explain(query, subjects.of(product), request));
            }, false));
        }));
    }

    private static UUID parseQueryId(String queryId) {
        try {
            return UUID.fromString(queryId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Query", queryId);
        }
    }
}
