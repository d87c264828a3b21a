package dev.visualsearch.pipeline;

import dev.visualsearch.common.database.ReactiveWork;
import dev.visualsearch.index.IndexOutgrown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Starts the {@code index} job when the index has outgrown the catalogue its whitening and relevance calibration
 * were learned from (a first seed or a large import), so they follow the catalogue without waiting for a schedule.
 */
@ApplicationScoped
public class RebuildWhenOutgrown {

    private static final Logger LOG = Logger.getLogger(RebuildWhenOutgrown.class);

    private final PipelineRunner runner;

    public RebuildWhenOutgrown(PipelineRunner runner) {
        this.runner = runner;
    }

    void onOutgrown(@Observes IndexOutgrown event) {
        if (runner.isRunning(PipelineJob.index) || runner.isRunning(PipelineJob.all)) {
            return;
        }
        LOG.infof("The index holds %d vectors, its search space was learned from %d: starting the index job",
                event.size(), event.learnedFrom());
        // Fired on the worker thread that stored the vector (as the start-up catch-up does, it waits for the start).
        try {
            ReactiveWork.await(() -> runner.start(PipelineJob.index));
        } catch (RuntimeException e) {
            LOG.infof("Index job not started: %s", e.getMessage());
        }
    }
}
