package dev.visualsearch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsGrantedThenTheRateAndTheWaitIsTold() {
        TokenBuckets buckets = new TokenBuckets(2, 3, 100);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("a", 0), "request " + i + " of the burst");
        }
        assertEquals(1, buckets.take("a", 0), "empty: one token comes in half a second, told as 1 s");
        assertEquals(0, buckets.take("a", SECOND / 2), "refilled at 2 per second");
        assertEquals(1, buckets.take("a", SECOND / 2));
        assertEquals(0, buckets.take("b", 0), "clients have buckets of their own");
        assertEquals(0, buckets.take("a", 100 * SECOND));
        assertEquals(0, buckets.take("a", 100 * SECOND));
        assertEquals(0, buckets.take("a", 100 * SECOND));
        assertEquals(1, buckets.take("a", 100 * SECOND), "an idle client gets no more than the burst back");
    }

    @Test
    void aSlowRateTellsTheWholeWait() {
        TokenBuckets buckets = new TokenBuckets(0.1, 1, 10);
        assertEquals(0, buckets.take("a", 0));
        assertEquals(10, buckets.take("a", 0), "one token per 10 s");
        assertEquals(5, buckets.take("a", 5 * SECOND));
    }

    @Test
    void manyAddressesDoNotGrowTheMapBeyondItsBound() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 50);
        for (int i = 0; i < 10_000; i++) {
            buckets.take("10.0." + (i / 256) + "." + (i % 256), i);
        }
        assertEquals(50, buckets.clients());
    }

    @Test
    void refusesNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(1, 0, 1));
    }
}
