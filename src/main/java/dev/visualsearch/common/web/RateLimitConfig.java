package dev.visualsearch.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-client request rate on the heavy routes ({@link RateLimited}), as a token bucket per client address. */
@ConfigMapping(prefix = "app.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Sustained heavy requests per second per client. */
    @WithDefault("10")
    double requestsPerSecond();

    /** Requests a client may send at once after being idle (the bucket's size). */
    @WithDefault("30")
    int burst();

    /** Clients tracked at once; the least recently seen are forgotten first (bounds memory under many addresses). */
    @WithDefault("10000")
    int maxClients();

    /**
     * Take the client from the first {@code X-Forwarded-For} address. Only behind a proxy that sets it: otherwise any
     * client could claim a fresh address per request and escape the limit.
     */
    @WithDefault("false")
    boolean trustForwardedFor();
}
