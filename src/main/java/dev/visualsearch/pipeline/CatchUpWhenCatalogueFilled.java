package dev.visualsearch.pipeline;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.RunEvents;
import dev.visualsearch.common.run.RunStatus;
import dev.visualsearch.common.run.RunView;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * When a seed or an import has filled the catalogue, runs {@code all} (only what changed) at once, so that the
 * clusters and maps cover the whole catalogue rather than waiting for the next schedule tick (which the start policy
 * keeps from running on a half-filled catalogue).
 */
@ApplicationScoped
public class CatchUpWhenCatalogueFilled {

    private static final Logger LOG = Logger.getLogger(CatchUpWhenCatalogueFilled.class);

    private final RunEvents events;
    private final StartPolicy policy;
    private final PipelineRunner runner;
    private final PipelineConfig config;

    public CatchUpWhenCatalogueFilled(RunEvents events, StartPolicy policy, PipelineRunner runner,
                                      PipelineConfig config) {
        this.events = events;
        this.policy = policy;
        this.runner = runner;
        this.config = config;
    }

    /** Follows the run events from now on (a start-up step, before anything can fill the catalogue). */
    void follow() {
        if (!config.afterFilling()) {
            return;
        }
        events.stream()
                .filter(run -> RunStatus.succeeded.name().equals(run.status())
                        && Arrays.asList(StartPolicy.FILLING_JOBS).contains(run.job()))
                // the event arrives on the thread that ended the run, perhaps an event loop: decide on a worker
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(this::filled, failure -> LOG.warnf("Stopped following runs: %s", failure));
    }

    /** The last line of a first start's story: the catalogue the seed filled is searchable, clustered and mapped. */
    private void sayWhenReady(String filler, UUID catchUp) {
        events.stream()
                .filter(run -> run.id().equals(catchUp) && !RunStatus.running.name().equals(run.status())
                        && !RunStatus.queued.name().equals(run.status()))
                .select().first()
                .subscribe().with(run -> {
                    if (RunStatus.succeeded.name().equals(run.status())) {
                        LOG.infof("Ready: the catalogue the %s run filled is searchable, clustered and mapped", filler);
                    }
                }, failure -> LOG.debugf("Stopped waiting for run %s: %s", catchUp, failure));
    }

    private void filled(RunView run) {
        try {
            Optional<String> notNow = BlockingDatabase.await(policy::whyNotAll);
            if (notNow.isPresent()) {
                LOG.debugf("The %s run ended; the pipeline waits: %s", run.job(), notNow.get());
                return;
            }
            UUID catchUp = BlockingDatabase.await(runner::startScheduled);
            LOG.infof("The %s run filled the catalogue: clustering and mapping it now", run.job());
            sayWhenReady(run.job(), catchUp);
        } catch (RuntimeException e) {
            LOG.infof("The %s run ended; the pipeline did not start: %s", run.job(), e.getMessage());
        }
    }
}
