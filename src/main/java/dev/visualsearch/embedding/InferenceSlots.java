package dev.visualsearch.embedding;

import dev.visualsearch.common.error.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many forward passes run at once. PyTorch already spreads one pass over every core, so parallel passes
 * only thrash the caches; extra requests wait in line, and one that waits longer than the queue timeout gets 429
 * with {@code Retry-After} instead of piling up.
 */
@ApplicationScoped
public class InferenceSlots {

    private final Semaphore slots;
    private final long timeoutMillis;

    public InferenceSlots(EmbeddingConfig config, MeterRegistry registry) {
        this.slots = new Semaphore(Math.max(1, config.inferenceSlots()), true);
        this.timeoutMillis = config.inferenceQueueTimeout().toMillis();
        registry.gauge("inference_queue_length", slots, Semaphore::getQueueLength);
    }

    public <T> T run(Supplier<T> inference) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.serviceUnavailable("Interrupted while waiting for the model");
        }
        if (!acquired) {
            throw ApiProblem.tooManyRequests("The model is busy with other requests; retry in a moment", 1);
        }
        try {
            return inference.get();
        } finally {
            slots.release();
        }
    }
}
