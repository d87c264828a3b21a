package dev.visualsearch.search;

import dev.visualsearch.common.web.RateLimited;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** "More like this": its own resource class so that its path wins over the catalogue's {@code /products}. */
@Path("/products/{id}/similar")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public class SimilarProductsResource {

    private final SearchService search;
    private final SearchConfig config;

    public SimilarProductsResource(SearchService search, SearchConfig config) {
        this.search = search;
        this.config = config;
    }

    /** The products that look most like a catalogue product (the product itself excluded). */
    @GET
    public Uni<SearchResponse> similar(@RestPath long id, @RestQuery String k, @RestQuery String category,
                                       @RestQuery String mode) {
        return search.similarTo(id, SearchResource.query(config, k, category, mode), System.nanoTime());
    }
}
