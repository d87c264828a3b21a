package dev.visualsearch.pipeline;

import dev.visualsearch.adapt.AdaptJob;
import dev.visualsearch.analytics.ProjectionService;
import dev.visualsearch.cluster.ClusterService;
import dev.visualsearch.common.Workers;
import dev.visualsearch.common.database.ReactiveWork;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.run.RunRecorder;
import dev.visualsearch.embedding.EmbedBacklogJob;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.text.TextBacklogJob;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Runs pipeline jobs on one background worker, one run of a job at a time (a second request for a running job gets
 * 409 with the running run's id), recording status and progress so that clients can follow it. The single worker
 * also means heavy jobs (embedding, k-means, t-SNE) never compete with each other for the CPUs.
 */
@ApplicationScoped
public class PipelineRunner {

    private static final Logger LOG = Logger.getLogger(PipelineRunner.class);
    /** Progress writes are throttled: the run row is not updated more often than this. */
    private static final long PROGRESS_EVERY_MS = 500;

    private final RunRecorder runs;
    private final EmbedBacklogJob embed;
    private final TextBacklogJob text;
    private final IndexService indexes;
    private final ClusterService clusters;
    private final ProjectionService projections;
    private final PipelineChanges changes;
    private final AdaptJob adapt;
    private final Map<PipelineJob, UUID> active = new ConcurrentHashMap<>();
    private final ExecutorService worker = Workers.singleThread("pipeline");

    public PipelineRunner(RunRecorder runs, EmbedBacklogJob embed, TextBacklogJob text, IndexService indexes,
                          ClusterService clusters, ProjectionService projections, PipelineChanges changes,
                          AdaptJob adapt) {
        this.adapt = adapt;
        this.runs = runs;
        this.embed = embed;
        this.text = text;
        this.indexes = indexes;
        this.clusters = clusters;
        this.projections = projections;
        this.changes = changes;
    }

    public Uni<UUID> start(PipelineJob job) {
        return start(job, false);
    }

    /**
     * Starts {@code all} for the schedule: each step runs only when its inputs changed (embed when products lack a
     * vector, cluster and project when the embeddings differ from those their current results were computed from).
     */
    public Uni<UUID> startScheduled() {
        return start(PipelineJob.all, true);
    }

    private Uni<UUID> start(PipelineJob job, boolean onlyChanged) {
        UUID running = active.get(job);
        if (running != null) {
            return Uni.createFrom().failure(alreadyRunning(job, running));
        }
        return runs.create(job.name()).chain(run -> {
            UUID first = active.putIfAbsent(job, run.id);
            if (first != null) {
                // Lost a race with another start (the schedule and the start-up catch-up, say): record this run as
                // failed without blocking, since this runs on the event loop; a run left queued would never end.
                return runs.failed(run.id, "Another " + job + " run started first")
                        .chain(() -> Uni.createFrom().<UUID>failure(alreadyRunning(job, first)));
            }
            worker.submit(() -> execute(job, run.id, onlyChanged));
            return Uni.createFrom().item(run.id);
        });
    }

    private static ApiProblem alreadyRunning(PipelineJob job, UUID runId) {
        return ApiProblem.conflict("A " + job + " run is already in progress").with("runId", runId);
    }

    public boolean isRunning(PipelineJob job) {
        return active.containsKey(job);
    }

    private void execute(PipelineJob job, UUID runId, boolean onlyChanged) {
        Progress progress = new Progress(runId);
        try {
            ReactiveWork.await(() -> runs.started(runId, onlyChanged ? "Started by the service (only what changed)" : "Started"));
            String message = switch (job) {
                case embed -> runEmbed(progress);
                case text -> runText(progress);
                case index -> runIndex(progress);
                case cluster -> runCluster(progress);
                case project -> runProject(progress);
                case adapt -> runAdapt(progress);
                case all -> onlyChanged ? runChanged(progress) : String.join("; ", runEmbed(progress.scaled(0, 0.45)),
                        runText(progress.scaled(0.45, 0.5)), runIndex(progress.scaled(0.5, 0.55)),
                        runCluster(progress.scaled(0.55, 0.7)), runProject(progress.scaled(0.7, 1)));
            };
            ReactiveWork.await(() -> runs.succeeded(runId, message));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Pipeline run %s (%s) failed", runId, job);
            ReactiveWork.await(() -> runs.failed(runId, e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            active.remove(job, runId);
        }
    }

    private String runChanged(Progress progress) {
        List<String> done = new ArrayList<>();
        PipelineChanges.Changes before = ReactiveWork.await(changes::check);
        if (before.missing() > 0) {
            done.add(runEmbed(progress.scaled(0, 0.5)));
            done.add(runIndex(progress.scaled(0.5, 0.55)));
        } else {
            done.add("embed and index: nothing to embed");
        }
        done.add(text.pending() > 0 ? runText(progress.scaled(0.5, 0.55)) : "text: up to date");
        PipelineChanges.Changes after = before.missing() > 0 ? ReactiveWork.await(changes::check) : before;
        done.add(after.clustersStale() ? runCluster(progress.scaled(0.55, 0.65)) : "cluster: up to date");
        done.add(after.projectionsStale() ? runProject(progress.scaled(0.65, 0.75)) : "project: up to date");
        // Last: the head only sharpens search, and clusters and maps are drawn from the model's own vectors. The
        // check after embedding and indexing already asked whether it is due (clustering changes neither).
        if (after.adaptDue().isPresent()) {
            LOG.infof("Adapt job due: %s", after.adaptDue().get());
            done.add(runAdapt(progress.scaled(0.75, 1)));
        }
        return String.join("; ", done);
    }

    private String runEmbed(Progress progress) {
        EmbedBacklogJob.Result result = embed.run(progress::report);
        return "Embedded " + result.embedded() + " product(s)" + (result.failures().isEmpty() ? ""
                : ", " + result.failures().size() + " failed: " + String.join("; ", result.failures()));
    }

    private String runText(Progress progress) {
        return "Gave the words of " + text.run(progress::report) + " product(s) text vectors";
    }

    private String runIndex(Progress progress) {
        int size = indexes.rebuild(percent -> progress.report(percent / 100.0, "Building the index"));
        return "Index rebuilt with " + size + " vectors";
    }

    private String runAdapt(Progress progress) {
        AdaptJob.Result result = adapt.run(progress::report);
        return String.format(Locale.ROOT, "Learned the head %s from %d altered views of %d products (embedding %d ms,"
                + " learning %d ms); index rebuilt in its space with %d vectors%s", result.headId(), result.views(),
                result.products(), result.embedMs(), result.learnMs(), result.indexed(), result.failures().isEmpty()
                        ? "" : "; " + result.failures().size() + " image(s) unreadable: "
                        + String.join("; ", result.failures()));
    }

    private String runCluster(Progress progress) {
        long start = System.nanoTime();
        ClusterService.Result result = clusters.run(progress::report);
        progress.report(1, "Clustered");
        return String.format(Locale.ROOT, "Clustered %d vectors into %d clusters (run %d%s, NMI %.3f, ARI %.3f vs "
                        + "categories) in %d ms", result.vectors(), result.k(), result.runId(),
                result.silhouette() == null ? "" : String.format(Locale.ROOT, ", silhouette %.3f",
                        result.silhouette()), result.agreement().nmi(), result.agreement().ari(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private String runProject(Progress progress) {
        ProjectionService.Result result = projections.run(progress::report);
        return "Projected " + result.points() + " vectors: PCA in " + result.pcaMs() + " ms, t-SNE in "
                + result.tsneMs() + " ms";
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
