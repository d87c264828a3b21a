package dev.visualsearch.explain;

import dev.visualsearch.catalog.CatalogService;
import dev.visualsearch.common.web.RateLimited;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Why does product b look like product a? Product a plays the query: {@code side=result} draws on b,
 * {@code side=query} on a. Lives under {@code /products} because the router picks a resource class by its own path
 * first, so a {@code @Path("/")} class could never answer below {@code /products}.
 */
@Path("/products")
public class ProductPairExplainResource {

    private final ExplainService explain;
    private final ExplainSubjects subjects;
    private final CatalogService catalog;
    private final Vertx vertx;

    public ProductPairExplainResource(ExplainService explain, ExplainSubjects subjects, CatalogService catalog,
                                      Vertx vertx) {
        this.explain = explain;
        this.subjects = subjects;
        this.catalog = catalog;
        this.vertx = vertx;
    }

    @GET
    @RateLimited
    @Path("{a}/explain/{b}")
    @Produces({"image/png", "application/json"})
    @Operation(summary = "Explain why product b looks like product a (Grad-CAM heatmap)")
    public Uni<Response> productPair(@RestPath long a, @RestPath long b, @RestQuery String view,
                                     @RestQuery String method, @RestQuery String side) {
        ExplainService.Request request = explain.request(view, method, side);
        return catalog.get(a).chain(first -> catalog.get(b).chain(second -> vertx.executeBlocking(
                () -> ExplainSubjects.respond(explain.explain(subjects.of(first), subjects.of(second), request)),
                false)));
    }
}
