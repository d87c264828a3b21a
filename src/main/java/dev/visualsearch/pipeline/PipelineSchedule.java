package dev.visualsearch.pipeline;

import dev.visualsearch.common.error.ApiProblem;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Runs the pipeline on {@code app.pipeline.schedule} when something changed since the last runs (see
 * {@link PipelineChanges}); a tick with nothing to do, or while a pipeline run is active, only logs why it skipped.
 */
@ApplicationScoped
public class PipelineSchedule {

    private static final Logger LOG = Logger.getLogger(PipelineSchedule.class);
    private static final String JOB_ID = "pipeline-schedule";
    /** {@code 15m}, {@code 2h}, {@code 30s}, {@code 1d} or an ISO-8601 duration; anything else is a cron. */
    private static final Pattern INTERVAL = Pattern.compile("(?i)(\\d+[smhd]|P.*)");

    /** What a tick decided. */
    public record Decision(boolean started, UUID runId, String reason) {
    }

    private final PipelineConfig config;
    private final PipelineChanges changes;
    private final PipelineRunner runner;
    private final Scheduler scheduler;
    private final StartPolicy policy;

    public PipelineSchedule(PipelineConfig config, PipelineChanges changes, PipelineRunner runner,
                            Scheduler scheduler, StartPolicy policy) {
        this.config = config;
        this.changes = changes;
        this.runner = runner;
        this.scheduler = scheduler;
        this.policy = policy;
    }

    /** Schedules the runs as {@code app.pipeline.schedule} says (a start-up step). */
    void start() {
        String schedule = config.schedule().strip();
        if (schedule.isEmpty() || schedule.equalsIgnoreCase("off") || schedule.equalsIgnoreCase("disabled")) {
            LOG.info("Scheduled pipeline runs are off (app.pipeline.schedule)");
            return;
        }
        var job = scheduler.newJob(JOB_ID).setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> tick().invoke(PipelineSchedule::log).replaceWithVoid());
        if (INTERVAL.matcher(schedule).matches()) {
            job.setInterval(schedule.toLowerCase(Locale.ROOT).startsWith("p") ? schedule.toUpperCase(Locale.ROOT)
                    : schedule);
        } else {
            job.setCron(schedule);
        }
        job.schedule();
        LOG.infof("Pipeline scheduled: %s (runs only when the embeddings changed)", schedule);
    }

    /** A started run is news; a tick that found nothing to do (every 15 minutes by default) is not. */
    private static void log(Decision decision) {
        if (decision.started()) {
            LOG.infof("Scheduled pipeline: %s", decision.reason());
        } else {
            LOG.debugf("Scheduled pipeline: %s", decision.reason());
        }
    }

    /** Starts a run when something changed; otherwise says why not. */
    public Uni<Decision> tick() {
        return policy.whyNotAll().chain(notNow -> notNow.isPresent()
                ? Uni.createFrom().item(new Decision(false, null, "skipped: " + notNow.get()))
                : startIfChanged());
    }

    private Uni<Decision> startIfChanged() {
        return changes.check().chain(found -> {
            if (!found.any()) {
                return Uni.createFrom().item(new Decision(false, null, "skipped: nothing changed ("
                        + found.describe() + ")"));
            }
            return runner.startScheduled()
                    .map(runId -> new Decision(true, runId, "started run " + runId + " (" + found.describe() + ")"))
                    .onFailure(ApiProblem.class).recoverWithItem(failure -> new Decision(false, null,
                            "skipped: " + failure.getMessage()));
        });
    }
}
