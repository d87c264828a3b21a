package dev.visualsearch.pipeline;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.index.IndexOutgrown;
import dev.visualsearch.index.TombstonesPiledUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

/**
 * Starts the {@code index} job when the index says a rebuild is due, so it happens in the background without waiting
 * for a schedule: it has outgrown the catalogue its whitening and relevance calibration were learned from (a first
 * seed or a large import), or deleted products fill too much of its HNSW graph as tombstones. The job builds beside
 * the live index and swaps atomically.
 */
@ApplicationScoped
public class RebuildWhenTheIndexAsks {

    private static final Logger LOG = Logger.getLogger(RebuildWhenTheIndexAsks.class);

    private final PipelineRunner runner;

    public RebuildWhenTheIndexAsks(PipelineRunner runner) {
        this.runner = runner;
    }

    void onOutgrown(@Observes IndexOutgrown event) {
        start(String.format("The index holds %d vectors, its search space was learned from %d", event.size(),
                event.learnedFrom()));
    }

    void onTombstones(@ObservesAsync TombstonesPiledUp event) {
        start(String.format("%d of the ANN index's %d entries are deleted products", event.tombstones(),
                event.entries()));
    }

    private void start(String why) {
        if (runner.isRunning(PipelineJob.index) || runner.isRunning(PipelineJob.all)) {
            return;
        }
        LOG.infof("%s: starting the index job", why);
        // Observed on a worker thread (the one that stored the vector, or CDI's async executor), so it may wait.
        try {
            BlockingDatabase.await(() -> runner.start(PipelineJob.index));
        } catch (RuntimeException e) {
            LOG.infof("Index job not started: %s", e.getMessage());
        }
    }
}
