package dev.visualsearch.search;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.web.RateLimited;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Search again from examples: "more like these, less like those". */
@Path("/search/examples")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public class ExamplesResource {

    /** Examples per side a request may give (each is a vector to average or a search to run). */
    static final int MAX_EXAMPLES = 50;

    /** The JSON body; {@code queryId} (an earlier image search) counts as one more positive example. */
    public record Request(List<Long> positive, List<Long> negative, String queryId, Integer k, String category,
                          String strategy, String mode) {
    }

    private final SearchService search;
    private final SearchConfig config;

    public ExamplesResource(SearchService search, SearchConfig config) {
        this.search = search;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Products like the positive examples and unlike the negative ones",
            description = "strategy average (default): one query, 2 mean(positive) - mean(negative); best: each "
                    + "candidate scores its best cosine to a positive unless a negative is closer")
    public Uni<SearchResponse> byExamples(Request request) {
        long start = System.nanoTime();
        if (request == null) {
            throw ApiProblem.badRequest("Send a JSON body: {positive:[productId...], negative:[...], queryId?, k?, "
                    + "category?, strategy?}");
        }
        List<Long> positive = ids(request.positive(), "positive");
        List<Long> negative = ids(request.negative(), "negative");
        UUID queryId = QueryIds.parse(request.queryId());
        if (positive.isEmpty() && queryId == null) {
            throw ApiProblem.badRequest("Give at least one positive example (a product id) or the queryId of an "
                    + "image search");
        }
        Set<Long> both = new HashSet<>(positive);
        both.retainAll(negative);
        if (!both.isEmpty()) {
            throw ApiProblem.badRequest("Product " + both.iterator().next() + " is both a positive and a negative "
                    + "example");
        }
        SearchService.Query query = SearchResource.query(config, request.k() == null ? null
                : String.valueOf(request.k()), request.category(), request.mode());
        Examples examples = new Examples(positive, negative, queryId, ExampleStrategy.parse(request.strategy()));
        return search.byExamples(examples, query, start);
    }

    private static List<Long> ids(List<Long> ids, String side) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > MAX_EXAMPLES) {
            throw ApiProblem.badRequest("At most " + MAX_EXAMPLES + " " + side + " examples, not " + ids.size());
        }
        if (ids.stream().anyMatch(id -> id == null || id < 1)) {
            throw ApiProblem.badRequest(side + " holds an id that is not a product id (ids are whole numbers >= 1)");
        }
        return ids.stream().distinct().toList();
    }
}
