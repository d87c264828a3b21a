package dev.visualsearch.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visualsearch.common.error.ApiProblem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InferenceSlotsTest {

    private static EmbeddingConfig config(int slots, Duration timeout) {
        return new EmbeddingConfig() {
            public String model() {
                return "inception-mixed6";
            }

            public String pooling() {
                return "gem:3";
            }

            public String framing() {
                return "object";
            }

            public int batchSize() {
                return 8;
            }

            public int threads() {
                return 0;
            }

            public int inferenceSlots() {
                return slots;
            }

            public Duration inferenceQueueTimeout() {
                return timeout;
            }

            public Duration claimLease() {
                return Duration.ofSeconds(60);
            }

            public String modelDir() {
                return "data/models";
            }

            public Inception inception() {
                return null;
            }

            public Salient salient() {
                return null;
            }

            public Torchscript torchscript() {
                return null;
            }

            public SelfCheck selfCheck() {
                return null;
            }
        };
    }

    @Test
    void aRequestThatCannotGetASlotInTimeGets429WithRetryAfter() throws Exception {
        InferenceSlots slots = new InferenceSlots(config(1, Duration.ofMillis(100)), new SimpleMeterRegistry());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> holder = pool.submit(() -> slots.run(() -> {
            inside.countDown();
            await(release);
            return "first";
        }));
        inside.await();
        ApiProblem busy = assertThrows(ApiProblem.class, () -> slots.run(() -> "second"));
        assertEquals(429, busy.status());
        assertEquals(1, busy.retryAfterSeconds());
        release.countDown();
        assertEquals("first", holder.get());
        assertEquals("third", slots.run(() -> "third"), "the slot is free again");
        pool.shutdown();
    }

    @Test
    void waitingRequestsAreServedInTurn() throws Exception {
        InferenceSlots slots = new InferenceSlots(config(1, Duration.ofSeconds(5)), new SimpleMeterRegistry());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = pool.invokeAll(List.of(() -> slots.run(() -> 1), () -> slots.run(() -> 2),
                () -> slots.run(() -> 3), () -> slots.run(() -> 4)));
        int sum = 0;
        for (Future<Integer> result : results) {
            sum += result.get();
        }
        assertEquals(10, sum);
        pool.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
