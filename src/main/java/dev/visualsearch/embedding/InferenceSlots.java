package dev.visualsearch.embedding;

import dev.visualsearch.common.error.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many forward passes run at once, and runs them on dedicated threads. PyTorch already spreads one pass
 * over every core, so parallel passes only thrash the caches; extra requests wait in line, and one that waits longer
 * than the queue timeout gets 429 with {@code Retry-After} instead of piling up. The dedicated threads matter too:
 * OpenMP keeps one thread team per calling thread, and passes arriving on many different request threads left
 * idle teams spinning against the active one.
 */
@ApplicationScoped
public class InferenceSlots {

    private final Semaphore slots;
    private final long timeoutMillis;
    private final ExecutorService threads;

    public InferenceSlots(EmbeddingConfig config, MeterRegistry registry) {
        int count = Math.max(1, config.inferenceSlots());
        this.slots = new Semaphore(count, true);
        this.timeoutMillis = config.inferenceQueueTimeout().toMillis();
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, "inference-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        registry.gauge("inference_queue_length", slots, Semaphore::getQueueLength);
    }

    /** The result of one inference and how long it waited for a slot (the queue time the search log records). */
    public record Timed<T>(T value, double queueMs) {
    }

    public <T> T run(Supplier<T> inference) {
        return timed(inference).value();
    }

    public <T> Timed<T> timed(Supplier<T> inference) {
        long waitStart = System.nanoTime();
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
        double queueMs = (System.nanoTime() - waitStart) / 1e6;
        try {
            return new Timed<>(threads.submit(inference::get).get(), queueMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.serviceUnavailable("Interrupted while waiting for the model");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            slots.release();
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
