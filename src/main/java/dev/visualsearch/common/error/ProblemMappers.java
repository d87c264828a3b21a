package dev.visualsearch.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visualsearch.common.database.DatabaseUnavailable;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers. Every error leaves as problem+json with a sentence for the
 * user; unexpected failures are logged here with their stack trace and answered without one.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int DATABASE_RETRY_SECONDS = 5;

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, HttpServerRequest request) {
        ProblemDetail detail = new ProblemDetail("about:blank", problem.title(), problem.status(),
                problem.getMessage(), request.path(), Map.copyOf(problem.extensions()));
        Response.ResponseBuilder response = Response.status(detail.status()).type(ProblemDetail.MEDIA_TYPE)
                .entity(detail);
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, HttpServerRequest request) {
        int status = exception.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            case 406 -> "The requested representation is not available";
            case 415 -> "The request's content type is not accepted here: " + request.getHeader("Content-Type");
            default -> status >= 500 ? "The server could not complete the request" : exception.getMessage();
        };
        if (status >= 500) {
            LOG.errorf(exception, "Request %s %s failed", request.method(), request.path());
        }
        return respond(ProblemDetail.of(status, title, detail, request.path()));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException exception, HttpServerRequest request) {
        return respond(ProblemDetail.of(400, "Bad request",
                "The JSON body could not be read: " + exception.getOriginalMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable throwable, HttpServerRequest request) {
        if (DatabaseUnavailable.causedBy(throwable)) {
            LOG.warnf("%s %s: the database is unavailable (%s)", request.method(), request.path(), throwable);
            return Response.fromResponse(respond(ProblemDetail.of(503, "Service unavailable",
                    "The database is unavailable; nothing was changed. Retry in a few seconds", request.path())))
                    .header("Retry-After", DATABASE_RETRY_SECONDS).build();
        }
        LOG.errorf(throwable, "Unexpected failure in %s %s", request.method(), request.path());
        return respond(ProblemDetail.of(500, "Internal server error",
                "The server failed unexpectedly; the error was logged", request.path()));
    }

    public static Response respond(ProblemDetail problem) {
        return Response.status(problem.status()).type(ProblemDetail.MEDIA_TYPE).entity(problem).build();
    }
}
