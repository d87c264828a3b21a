package dev.visualsearch.index;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Retries the writes a remote approximate index refused (OpenSearch down during an upload or a delete), on a short
 * schedule, so those products become findable through {@code mode=ann} once the backend is back.
 */
@ApplicationScoped
class AnnWriteRetry {

    private final IndexService index;

    AnnWriteRetry(IndexService index) {
        this.index = index;
    }

    @Scheduled(every = "${app.index.ann-retry-every}", delayed = "${app.index.ann-retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        index.retryAnnWrites();
    }
}
