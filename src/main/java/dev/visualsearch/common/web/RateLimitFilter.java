package dev.visualsearch.common.web;

import dev.visualsearch.common.error.ProblemDetail;
import dev.visualsearch.common.error.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Applies the per-client limits to {@link RateLimited} routes, before any work (decoding, inference) is done: at
 * most {@code max-in-flight} requests in progress per client, and, when a rate is set, a token bucket. Over either,
 * 429 problem+json with {@code Retry-After}. The client is its remote address. A request counts as in progress
 * until its response ended or its connection closed.
 */
@Provider
@RateLimited
public class RateLimitFilter implements ContainerRequestFilter {

    /** Looked up per request: providers are created before config mappings are ready. */
    private final Instance<RateLimitConfig> config;
    private volatile InFlightLimits inFlight;
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
        RoutingContext routing = routing(request);
        String client = client(request, routing, limits);
        InFlightLimits busy = inFlight(limits);
        if (!busy.tryAcquire(client)) {
            refuse(request, 1, "This client already has " + busy.maxPerClient() + " search, similar, embed or "
                    + "explain requests in progress; wait for an answer before sending more (retry in 1 s)");
            return;
        }
        if (limits.requestsPerSecond() > 0) {
            long retryAfter = buckets(limits).take(client, System.nanoTime());
            if (retryAfter > 0) {
                busy.release(client);
                refuse(request, retryAfter, "This client sends more than " + limits.requestsPerSecond()
                        + " search, similar, embed or explain requests per second (bursts up to " + limits.burst()
                        + "); retry in " + retryAfter + " s");
                return;
            }
        }
        if (routing == null) {
            busy.release(client); // not served over Vert.x HTTP: nothing would tell when it ends
        } else {
            routing.addEndHandler(ended -> busy.release(client));
        }
    }

    private static void refuse(ContainerRequestContext request, long retryAfter, String detail) {
        ProblemDetail problem = new ProblemDetail("about:blank", "Too many requests", 429, detail,
                request.getUriInfo().getPath(), Map.of("retryAfterSeconds", retryAfter));
        request.abortWith(Response.fromResponse(ProblemMappers.respond(problem))
                .header("Retry-After", retryAfter).build());
    }

    private InFlightLimits inFlight(RateLimitConfig limits) {
        InFlightLimits current = inFlight;
        if (current == null) {
            synchronized (this) {
                if (inFlight == null) {
                    inFlight = new InFlightLimits(limits.maxInFlight());
                }
                current = inFlight;
            }
        }
        return current;
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

    private static RoutingContext routing(ContainerRequestContext request) {
        ResteasyReactiveRequestContext context = (ResteasyReactiveRequestContext)
                ((ResteasyReactiveContainerRequestContext) request).getServerRequestContext();
        return context.serverRequest().unwrap(RoutingContext.class);
    }

    private static String client(ContainerRequestContext request, RoutingContext routing, RateLimitConfig limits) {
        if (limits.trustForwardedFor()) {
            String forwarded = request.getHeaderString("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        HttpServerRequest http = routing == null ? null : routing.request();
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
