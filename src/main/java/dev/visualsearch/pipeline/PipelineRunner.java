package dev.visualsearch.pipeline;

import dev.visualsearch.common.database.ReactiveWork;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.run.RunRecorder;
import dev.visualsearch.embedding.EmbedBacklogJob;
import dev.visualsearch.index.IndexService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs pipeline jobs on a background worker, one run of a job at a time (a second request for a running job gets
 * 409 with the running run's id), recording status and progress so that clients can follow it.
 */
@ApplicationScoped
public class PipelineRunner {

    private static final Logger LOG = Logger.getLogger(PipelineRunner.class);
    /** Progress writes are throttled: the run row is not updated more often than this. */
    private static final long PROGRESS_EVERY_MS = 500;

    private final RunRecorder runs;
    private final EmbedBacklogJob embed;
    private final IndexService indexes;
    private final Map<PipelineJob, UUID> active = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pipeline");
        thread.setDaemon(true);
        return thread;
    });

    public PipelineRunner(RunRecorder runs, EmbedBacklogJob embed, IndexService indexes) {
        this.runs = runs;
        this.embed = embed;
        this.indexes = indexes;
    }

    public Uni<UUID> start(PipelineJob job) {
        UUID running = active.get(job);
        if (running != null) {
            throw ApiProblem.conflict("A " + job + " run is already in progress").with("runId", running);
        }
        return runs.create(job.name()).map(run -> {
            if (active.putIfAbsent(job, run.id) != null) {
                ReactiveWork.await(() -> runs.failed(run.id, "Another " + job + " run started first"));
                throw ApiProblem.conflict("A " + job + " run is already in progress").with("runId", active.get(job));
            }
            worker.submit(() -> execute(job, run.id));
            return run.id;
        });
    }

    public boolean isRunning(PipelineJob job) {
        return active.containsKey(job);
    }

    private void execute(PipelineJob job, UUID runId) {
        Progress progress = new Progress(runId);
        try {
            ReactiveWork.await(() -> runs.started(runId, "Started"));
            String message = switch (job) {
                case embed -> runEmbed(progress.scaled(0, 1));
                case index -> runIndex(progress.scaled(0, 1));
                case all -> runEmbed(progress.scaled(0, 0.8)) + "; " + runIndex(progress.scaled(0.8, 1));
            };
            ReactiveWork.await(() -> runs.succeeded(runId, message));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Pipeline run %s (%s) failed", runId, job);
            ReactiveWork.await(() -> runs.failed(runId, e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            active.remove(job, runId);
        }
    }

    private String runEmbed(Progress progress) {
        EmbedBacklogJob.Result result = embed.run(progress::report);
        return "Embedded " + result.embedded() + " product(s)" + (result.failures().isEmpty() ? ""
                : ", " + result.failures().size() + " failed: " + String.join("; ", result.failures()));
    }

    private String runIndex(Progress progress) {
        int size = indexes.rebuild(percent -> progress.report(percent / 100.0, "Building the index"));
        return "Index rebuilt with " + size + " vectors";
    }

    /** Forwards progress to the run record, at most every {@link #PROGRESS_EVERY_MS}. */
    private final class Progress {
        private final UUID runId;
        private final double from;
        private final double to;
        private long lastWrite;

        Progress(UUID runId) {
            this(runId, 0, 1);
        }

        private Progress(UUID runId, double from, double to) {
            this.runId = runId;
            this.from = from;
            this.to = to;
        }

        Progress scaled(double start, double end) {
            return new Progress(runId, from + (to - from) * start, from + (to - from) * end);
        }

        void report(double fraction, String message) {
            long now = System.currentTimeMillis();
            if (now - lastWrite >= PROGRESS_EVERY_MS || fraction >= 1) {
                lastWrite = now;
                double overall = from + (to - from) * Math.max(0, Math.min(1, fraction));
                ReactiveWork.await(() -> runs.progress(runId, overall, message));
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
