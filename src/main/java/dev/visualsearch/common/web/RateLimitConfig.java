package dev.visualsearch.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits per client on the heavy routes ({@link RateLimited}): how many requests it may have in progress at once,
 * and optionally a sustained rate (a token bucket per client address).
 */
@ConfigMapping(prefix = "app.rate-limit")
public interface RateLimitConfig {

    /** Apply the limits at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Heavy requests one client may have in progress at once; one more gets 429 with {@code Retry-After}. A client
     * that sends one request at a time is never refused.
     */
    @WithDefault("4")
    int maxInFlight();

    /**
     * Sustained heavy requests per second per client, on top of the in-progress cap; 0 (the default) turns the
     * rate off, since a client that waits for each answer already pays for its own speed.
     */
    @WithDefault("0")
    double requestsPerSecond();

    /** With a rate set: requests a client may send at once after being idle (the bucket's size). */
    @WithDefault("30")
    int burst();

    /** Clients the rate tracks at once; the least recently seen are forgotten first (bounds memory under many addresses). */
    @WithDefault("10000")
    int maxClients();

    /**
     * Take the client from the first {@code X-Forwarded-For} address. Only behind a proxy that sets it: otherwise any
     * client could claim a fresh address per request and escape the limit.
     */
    @WithDefault("false")
    boolean trustForwardedFor();
}
