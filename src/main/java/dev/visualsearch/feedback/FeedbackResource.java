package dev.visualsearch.feedback;

import dev.visualsearch.common.error.ApiProblem;
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
        UUID queryId = queryId(request.queryId());
        if (request.productId() == null || request.productId() < 1) {
            throw ApiProblem.badRequest("productId is required: the id of the result judged");
        }
        Verdict verdict = Verdict.parse(request.verdict());
        return feedback.record(queryId, request.productId(), verdict).map(done -> Response.noContent().build());
    }

    private static UUID queryId(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("queryId is required: the queryId of the search response judged");
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("queryId must be the queryId of a search response, not '" + value + "'");
        }
    }
}
