package dev.visualsearch.search;

import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.web.RateLimited;
import dev.visualsearch.common.web.Uploads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/search")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public class SearchResource {

    private final SearchService search;
    private final ImageDecoder decoder;
    private final SearchConfig config;
    private final Vertx vertx;

    public SearchResource(SearchService search, ImageDecoder decoder, SearchConfig config, Vertx vertx) {
        this.search = search;
        this.decoder = decoder;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * The products that look most like an uploaded image, or like the region {@code box} of it; with {@code text},
     * ranked by the picture and the words together.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<SearchResponse> byImage(@RestForm("image") FileUpload image, @RestForm String k,
                                       @RestForm String category, @RestForm String mode, @RestForm String box,
                                       @RestForm String text) {
        long start = System.nanoTime();
        SearchService.Query query = query(config, k, category, mode);
        Region region = Region.parse(box);
        String words = SearchWords.optional(text);
        Uploads.requirePart(image, "image");
        return vertx.executeBlocking(() -> {
            DecodedImage decoded = decoder.decode(Uploads.readImage(image, decoder.maxUploadBytes()));
            // A region is searched, kept and explained as an image of its own.
            return region == null ? decoded : region.cropOf(decoded);
        }, false).chain(decoded -> search.byImage(decoded, query, words, start));
    }

    /** The products whose title and category read most like the words (product data, not pixels). */
    @GET
    @Path("/text")
    @Operation(summary = "Products whose title and category match the words",
            description = "A sentence-embedding model reads q and every product's title and category; the words "
                    + "match product data, not what the pictures show")
    public Uni<SearchResponse> byWords(@RestQuery String q, @RestQuery String k, @RestQuery String category) {
        long start = System.nanoTime();
        SearchService.Query query = query(config, k, category, null);
        return search.byWords(SearchWords.required(q), query, start);
    }

    static SearchService.Query query(SearchConfig config, String k, String category, String mode) {
        int count = config.defaultK();
        if (k != null && !k.isBlank()) {
            try {
                count = Integer.parseInt(k.strip());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("k must be a whole number, not '" + k + "'");
            }
        }
        if (count < 1 || count > config.maxK()) {
            throw ApiProblem.badRequest("k must be between 1 and " + config.maxK());
        }
        String cleanCategory = category == null || category.isBlank() ? null : category.strip();
        return new SearchService.Query(count, cleanCategory, SearchMode.parse(mode));
    }
}
