package dev.visualsearch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InFlightLimitsTest {

    @Test
    void aSequentialClientIsNeverRefused() {
        InFlightLimits limits = new InFlightLimits(4);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limits.tryAcquire("a"), "request " + i);
            limits.release("a");
        }
        assertEquals(0, limits.clients(), "nothing kept for a client with nothing in progress");
    }

    @Test
    void theRequestOverTheCapIsRefusedUntilOneEnds() {
        InFlightLimits limits = new InFlightLimits(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(limits.tryAcquire("a"));
        }
        assertFalse(limits.tryAcquire("a"), "a fifth at once");
        assertTrue(limits.tryAcquire("b"), "other clients have caps of their own");
        assertEquals(4, limits.inFlight("a"));
        limits.release("a");
        assertTrue(limits.tryAcquire("a"), "one ended, one more may start");
        assertFalse(limits.tryAcquire("a"));
        for (int i = 0; i < 4; i++) {
            limits.release("a");
        }
        limits.release("b");
        limits.release("b");
        assertEquals(0, limits.clients());
        assertEquals(0, limits.inFlight("b"), "an extra release does not go negative");
    }

    @Test
    void refusesACapBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new InFlightLimits(0));
    }
}
