package dev.visualsearch.common.web;

import java.util.HashMap;
import java.util.Map;

/**
 * Heavy requests each client has in progress, capped per client: what a client costs is how many forward passes
 * it keeps busy at once, not how fast it asks, so a client that waits for each answer is never refused. A client
 * is tracked only while it has requests in progress, so the map stays as small as the number of busy clients.
 */
final class InFlightLimits {

    private final int maxPerClient;
    private final Map<String, Integer> inFlight = new HashMap<>();

    InFlightLimits(int maxPerClient) {
        if (maxPerClient < 1) {
            throw new IllegalArgumentException("app.rate-limit.max-in-flight must be 1 or more");
        }
        this.maxPerClient = maxPerClient;
    }

    /** Counts a request in for {@code client}, unless it already has the most allowed in progress. */
    synchronized boolean tryAcquire(String client) {
        int current = inFlight.getOrDefault(client, 0);
        if (current >= maxPerClient) {
            return false;
        }
        inFlight.put(client, current + 1);
        return true;
    }

    /** Counts one of {@code client}'s requests out (it answered, failed or the connection closed). */
    synchronized void release(String client) {
        Integer current = inFlight.get(client);
        if (current == null) {
            return;
        }
        if (current <= 1) {
            inFlight.remove(client);
        } else {
            inFlight.put(client, current - 1);
        }
    }

    synchronized int inFlight(String client) {
        return inFlight.getOrDefault(client, 0);
    }

    synchronized int clients() {
        return inFlight.size();
    }

    int maxPerClient() {
        return maxPerClient;
    }
}
