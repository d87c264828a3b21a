package dev.visualsearch.common.web;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test-only heavy route that stays in progress until the test opens its gate, so that a test can hold a known number
 * of a client's requests in flight (a real forward pass is too quick and too variable for that).
 */
@Path("/test-support/held")
@RateLimited
public class HeldHeavyRoute {

    static final Semaphore ENTERED = new Semaphore(0);
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @GET
    @Blocking
    @Produces(MediaType.TEXT_PLAIN)
    public String hold() throws InterruptedException {
        ENTERED.release();
        return gate.await(30, TimeUnit.SECONDS) ? "released" : "timed out";
    }
}
