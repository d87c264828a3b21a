package dev.visualsearch.common.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per client: {@code burst} tokens, refilled at {@code ratePerSecond}; a request takes one. The map
 * is bounded (least recently seen clients go first), so a flood of addresses cannot grow it without limit.
 * Time comes from the caller, in nanoseconds, so tests can drive it.
 */
final class TokenBuckets {

    private final double ratePerNano;
    private final double burst;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    TokenBuckets(double ratePerSecond, int burst, int maxClients) {
        if (ratePerSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate, burst and client count must be positive");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Takes a token for {@code client}: 0 when granted, else the whole seconds until one is available (>= 1). */
    synchronized long take(String client, long nowNanos) {
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = new Bucket(burst, nowNanos);
            buckets.put(client, bucket);
        } else {
            long elapsed = Math.max(0, nowNanos - bucket.updatedNanos);
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerNano);
            bucket.updatedNanos = nowNanos;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        double waitNanos = (1 - bucket.tokens) / ratePerNano;
        return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
    }

    synchronized int clients() {
        return buckets.size();
    }
}
