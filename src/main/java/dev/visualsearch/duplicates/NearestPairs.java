package dev.visualsearch.duplicates;

import dev.visualsearch.common.Workers;
import dev.visualsearch.index.ClosePair;
import dev.visualsearch.index.IndexService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * The nearest-neighbour pairs of the whole index, computed once per index version (an all-pairs self-join costs
 * O(n^2): milliseconds for the sample catalogue, about a minute at 100,000 products, docs/performance.md) on a
 * thread of its own and kept until the index changes. One computation runs at a time; requests that arrive meanwhile
 * share it.
 */
@ApplicationScoped
public class NearestPairs {

    private static final Logger LOG = Logger.getLogger(NearestPairs.class);

    /** The pairs of one index version and what computing them took. */
    public record Computed(long version, List<ClosePair> pairs, String space, int indexed, Instant computedAt,
                           double computeMs) {
    }

    private final IndexService indexes;
    private final DuplicatesConfig config;
    private final ExecutorService worker = Workers.singleThread("duplicates");
    private volatile Computed last;
    private CompletableFuture<Computed> running;

    public NearestPairs(IndexService indexes, DuplicatesConfig config) {
        this.indexes = indexes;
        this.config = config;
    }

    /** The pairs of the current index version: at once when known, else the computation that produces them. */
    public synchronized CompletableFuture<Computed> current() {
        long version = indexes.version();
        Computed known = last;
        if (known != null && known.version() == version) {
            return CompletableFuture.completedFuture(known);
        }
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(this::compute, worker);
        }
        return running;
    }

    /** The last pairs computed, whatever version they are of. */
    public Optional<Computed> last() {
        return Optional.ofNullable(last);
    }

    public boolean isCurrent(Computed computed) {
        return computed.version() == indexes.version();
    }

    private Computed compute() {
        // Read before the copy: a change that lands in between makes this result look older, never newer.
        long version = indexes.version();
        String space = indexes.space() == null ? indexes.activeModelId() : indexes.space().id();
        int indexed = indexes.exact().size();
        long start = System.nanoTime();
        List<ClosePair> pairs = indexes.nearestPairs(config.neighbours(), threads());
        double ms = (System.nanoTime() - start) / 1e6;
        LOG.infof("Near-duplicate pairs of %d products computed in %.0f ms", indexed, ms);
        Computed computed = new Computed(version, pairs, space, indexed, Instant.now(), ms);
        last = computed;
        return computed;
    }

    private int threads() {
        return config.threads() > 0 ? config.threads()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
