package dev.visualsearch.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.catalog.CatalogConfig;
import dev.visualsearch.catalog.ProductPage;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.ActiveModel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    /** A clustering run as the API lists it, with its provenance document. */
    public record RunView(long id, String model, int k, long seed, String criterion, Double silhouette,
                          int vectors, Instant startedAt, Instant finishedAt, boolean active, JsonNode provenance) {
    }

    private final ClusterRepository clusters;
    private final ProductRepository products;
    private final ActiveModel model;
    private final CatalogConfig catalog;
    private final ObjectMapper json;

    public ClusterResource(ClusterRepository clusters, ProductRepository products, ActiveModel model,
                           CatalogConfig catalog, ObjectMapper json) {
        this.clusters = clusters;
        this.products = products;
        this.model = model;
        this.catalog = catalog;
        this.json = json;
    }

    /** The clusters of the active model's active clustering (empty before the first cluster run). */
    @GET
    public Uni<List<ClusterRepository.Summary>> list() {
        return clusters.summaries(model.id());
    }

    /** The products of one cluster, paged like {@code /api/products}. */
    @GET
    @Path("/{id}/products")
    public Uni<ProductPage> products(@RestPath int id, @RestQuery Integer page, @RestQuery Integer size) {
        int pageIndex = page == null ? 0 : page;
        int pageSize = size == null ? 50 : size;
        if (pageIndex < 0) {
            throw ApiProblem.badRequest("page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > catalog.maxPageSize()) {
            throw ApiProblem.badRequest("size must be between 1 and " + catalog.maxPageSize());
        }
        return clusters.exists(model.id(), id).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(ApiProblem.notFound("Cluster", id));
            }
            return Panache.withSession(() -> products.inCluster(id, pageIndex, pageSize));
        });
    }

    /** Clustering runs of the active model with their provenance, newest first. */
    @GET
    @Path("/runs")
    public Uni<List<RunView>> runs(@RestQuery Integer limit) {
        int count = limit == null ? 20 : limit;
        if (count < 1 || count > 200) {
            throw ApiProblem.badRequest("limit must be between 1 and 200");
        }
        return clusters.runs(model.id(), count).map(runs -> runs.stream().map(this::view).toList());
    }

    private RunView view(ClusterRepository.StoredRun run) {
        try {
            return new RunView(run.id(), run.modelId(), run.k(), run.seed(), run.criterion(), run.silhouette(),
                    run.inputCount(), run.startedAt(), run.finishedAt(), run.active(),
                    json.readTree(run.provenance()));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
