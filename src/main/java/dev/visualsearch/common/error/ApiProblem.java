package dev.visualsearch.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the client caused or must know about, rendered as RFC 9457 problem+json by {@link ProblemMappers}.
 * Features throw it with a sentence that tells the user what to change; the factories fix status and title.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Integer retryAfterSeconds;

    public ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail);
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(404, "Not found", what + " " + id + " does not exist");
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    public static ApiProblem payloadTooLarge(String detail) {
        return new ApiProblem(413, "Payload too large", detail);
    }

    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(415, "Unsupported media type", detail);
    }

    public static ApiProblem unprocessable(String detail) {
        return new ApiProblem(422, "Unprocessable content", detail);
    }

    /** 429 with {@code Retry-After}: the client should slow down or retry later. */
    public static ApiProblem tooManyRequests(String detail, int retryAfterSeconds) {
        ApiProblem problem = new ApiProblem(429, "Too many requests", detail);
        problem.retryAfterSeconds = retryAfterSeconds;
        return problem;
    }

    public static ApiProblem serviceUnavailable(String detail) {
        return new ApiProblem(503, "Service unavailable", detail);
    }

    /** 503 with {@code Retry-After}: the answer is being prepared and will be there after that many seconds. */
    public static ApiProblem serviceUnavailable(String detail, int retryAfterSeconds) {
        ApiProblem problem = serviceUnavailable(detail);
        problem.retryAfterSeconds = retryAfterSeconds;
        return problem;
    }

    /** Adds a machine-readable member to the problem document, e.g. the id of an existing duplicate. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Seconds for the {@code Retry-After} header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
