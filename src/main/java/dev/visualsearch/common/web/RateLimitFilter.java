package dev.visualsearch.common.web;

import dev.visualsearch.common.error.ProblemDetail;
import dev.visualsearch.common.error.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Applies the per-client rate limit to {@link RateLimited} routes: over it, 429 problem+json with
 * {@code Retry-After}, before any work (decoding, inference) is done. The client is its remote address.
 */
@Provider
@RateLimited
public class RateLimitFilter implements ContainerRequestFilter {

    /** Looked up per request: providers are created before config mappings are ready. */
    private final Instance<RateLimitConfig> config;
    private volatile TokenBuckets buckets;

    public RateLimitFilter(Instance<RateLimitConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimitConfig limits = config.get();
        if (!limits.enabled()) {
            return;
        }
        long retryAfter = buckets(limits).take(client(request, limits), System.nanoTime());
        if (retryAfter > 0) {
            ProblemDetail problem = new ProblemDetail("about:blank", "Too many requests", 429,
                    "This client sends more than " + limits.requestsPerSecond() + " search, similar, embed or explain "
                            + "requests per second (bursts up to " + limits.burst() + "); retry in " + retryAfter
                            + " s", request.getUriInfo().getPath(), Map.of("retryAfterSeconds", retryAfter));
            request.abortWith(Response.fromResponse(ProblemMappers.respond(problem))
                    .header("Retry-After", retryAfter).build());
        }
    }

    private TokenBuckets buckets(RateLimitConfig limits) {
        TokenBuckets current = buckets;
        if (current == null) {
            synchronized (this) {
                if (buckets == null) {
                    buckets = new TokenBuckets(limits.requestsPerSecond(), limits.burst(), limits.maxClients());
                }
                current = buckets;
            }
        }
        return current;
    }

    private static String client(ContainerRequestContext request, RateLimitConfig limits) {
        if (limits.trustForwardedFor()) {
            String forwarded = request.getHeaderString("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        ResteasyReactiveRequestContext context = (ResteasyReactiveRequestContext)
                ((ResteasyReactiveContainerRequestContext) request).getServerRequestContext();
        HttpServerRequest http = context.serverRequest().unwrap(HttpServerRequest.class);
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
