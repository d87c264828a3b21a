package dev.visualsearch.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records searches without slowing them: entries go into a bounded in-memory buffer and a scheduled flush writes
 * them in batches. When the database is down the batch goes back to the buffer; only what does not fit in the
 * buffer is dropped, and every drop is counted ({@code search_log_dropped_total}).
 */
@ApplicationScoped
public class SearchLog {

    private static final Logger LOG = Logger.getLogger(SearchLog.class);
    private static final int BATCH = 500;
    private static final String INSERT = "insert into search_log (query_id, created_at, source, source_product_id, "
            + "requested_mode, mode, index_backend, k, category, model_id, result_count, result_ids, result_scores, "
            + "took_ms, embed_ms, queue_ms, embed_cache, search_ms, photo_shift) values ($1, $2, $3, $4, $5, $6, $7, "
            + "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)";

    private final Pool pool;
    private final int capacity;
    private final Deque<SearchLogEntry> buffer = new ArrayDeque<>();
    /** The batch taken from the buffer and not yet written (so that {@link #holds} sees it in between). */
    private volatile List<SearchLogEntry> writing = List.of();
    private final Counter dropped;
    private final Counter written;

    public SearchLog(Pool pool, SearchConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.capacity = config.logBuffer();
        this.dropped = Counter.builder("search_log_dropped").description("Search-log entries lost to a full buffer")
                .register(registry);
        this.written = Counter.builder("search_log_written").description("Search-log entries written")
                .register(registry);
        registry.gauge("search_log_buffered", buffer, b -> size());
    }

    public void record(SearchLogEntry entry) {
        synchronized (buffer) {
            if (buffer.size() >= capacity) {
                dropped.increment();
                return;
            }
            buffer.addLast(entry);
        }
    }

    /** Whether a search is recorded but not written yet (in the buffer, or in the batch being written). */
    public boolean holds(UUID queryId) {
        synchronized (buffer) {
            return writing.stream().anyMatch(entry -> entry.queryId().equals(queryId))
                    || buffer.stream().anyMatch(entry -> entry.queryId().equals(queryId));
        }
    }

    public int size() {
        synchronized (buffer) {
            return buffer.size();
        }
    }

    @Scheduled(every = "${app.search.log-flush-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        List<SearchLogEntry> batch = take();
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(INSERT).executeBatch(batch.stream().map(SearchLog::tuple).toList())
                .invoke(rows -> written.increment(batch.size()))
                .onFailure().invoke(failure -> putBack(batch, failure))
                .eventually(() -> writing = List.of())
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private List<SearchLogEntry> take() {
        synchronized (buffer) {
            List<SearchLogEntry> batch = new ArrayList<>(Math.min(BATCH, buffer.size()));
            while (batch.size() < BATCH && !buffer.isEmpty()) {
                batch.add(buffer.pollFirst());
            }
            writing = batch;
            return batch;
        }
    }

    /** Keeps the unwritten batch at the front, in order; what no longer fits is dropped and counted. */
    private void putBack(List<SearchLogEntry> batch, Throwable failure) {
        LOG.warnf("Search log not written (%s); %d entries kept for the next try", failure.getMessage(), batch.size());
        synchronized (buffer) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                if (buffer.size() >= capacity) {
                    buffer.pollLast();
                    dropped.increment();
                }
                buffer.addFirst(batch.get(i));
            }
        }
    }

    private static Tuple tuple(SearchLogEntry e) {
        Long[] ids = new Long[e.resultIds().length];
        Float[] scores = new Float[e.resultScores().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = e.resultIds()[i];
            scores[i] = e.resultScores()[i];
        }
        return Tuple.tuple(List.of(e.queryId(), e.at().atOffset(ZoneOffset.UTC), e.source()))
                .addLong(e.sourceProductId())
                .addString(e.requestedMode()).addString(e.mode()).addString(e.index()).addInteger(e.k())
                .addString(e.category()).addString(e.modelId()).addInteger(ids.length)
                .addArrayOfLong(ids).addArrayOfFloat(scores)
                .addFloat((float) e.tookMs())
                .addFloat(e.embedMs() == null ? null : e.embedMs().floatValue())
                .addFloat(e.queueMs() == null ? null : e.queueMs().floatValue())
                .addString(e.embedCache())
                .addFloat((float) e.searchMs())
                .addString(e.photoShift());
    }
}
