package dev.visualsearch.catalog;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/categories")
@Produces(MediaType.APPLICATION_JSON)
public class CategoryResource {

    private final ProductRepository products;

    public CategoryResource(ProductRepository products) {
        this.products = products;
    }

    /** Categories with their product counts, largest first. */
    @GET
    public Uni<List<CategoryCount>> list() {
        return Panache.withSession(products::categories);
    }
}
