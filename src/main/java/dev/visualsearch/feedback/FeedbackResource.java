package dev.visualsearch.feedback;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.search.QueryIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/feedback")
public class FeedbackResource {

    /** The JSON body. */
    public record Request(String queryId, Long productId, String verdict) {
    }

    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A shopper's verdict (good or bad) on one result of a search; the latest verdict counts")
    public Uni<Response> record(Request request) {
        if (request == null) {
            throw ApiProblem.badRequest("Send a JSON body: {queryId, productId, verdict: good|bad}");
        }
        UUID queryId = QueryIds.parse(request.queryId());
        if (queryId == null) {
            throw ApiProblem.badRequest("queryId is required: the queryId of the search response judged");
        }
        if (request.productId() == null || request.productId() < 1) {
            throw ApiProblem.badRequest("productId is required: the id of the result judged");
        }
        Verdict verdict = Verdict.parse(request.verdict());
        return feedback.record(queryId, request.productId(), verdict).map(done -> Response.noContent().build());
    }
}
