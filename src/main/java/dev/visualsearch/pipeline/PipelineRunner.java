package dev.visualsearch.pipeline;

import dev.visualsearch.adapt.AdaptJob;
import dev.visualsearch.analytics.ProjectionService;
import dev.visualsearch.cluster.ClusterService;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.run.Progress;
import dev.visualsearch.common.run.RunRecorder;
import dev.visualsearch.common.run.RunWorkers;
import dev.visualsearch.embedding.EmbedBacklogJob;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.text.TextBacklogJob;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs pipeline jobs on the pipeline lane of {@link RunWorkers}, one run of a job at a time (a second request for a
 * running job gets 409 with the running run's id), recording status and progress so that clients can follow it. The
 * lane's single thread also means heavy jobs (embedding, k-means, t-SNE) never compete with each other for the CPUs.
 */
@ApplicationScoped
public class PipelineRunner {

    private static final Logger LOG = Logger.getLogger(PipelineRunner.class);

    private final RunRecorder runs;
    private final EmbedBacklogJob embed;
    private final TextBacklogJob text;
    private final IndexService indexes;
    private final ClusterService clusters;
    private final ProjectionService projections;
    private final PipelineChanges changes;
    private final AdaptJob adapt;
    private final Map<PipelineJob, UUID> active = new ConcurrentHashMap<>();
    private final RunWorkers workers;
    /**
     * The steps of {@code all}, in order, with their shares of its progress: the one place that says what {@code all}
     * does. A full run takes every step but {@code adapt}; a run of only what changed takes the steps whose inputs
     * changed (read before the run, and again after embedding, which changes what clustering and mapping see).
     */
    private final List<Step> allSteps = List.of(
            new Step(PipelineJob.embed, 0.45, true, changes -> changes.missing() > 0, "embed: nothing to embed"),
            new Step(PipelineJob.text, 0.05, true, changes -> textPending(), "text: up to date"),
            new Step(PipelineJob.index, 0.05, true, changes -> changes.missing() > 0, "index: nothing new"),
            new Step(PipelineJob.cluster, 0.15, true, PipelineChanges.Changes::clustersStale, "cluster: up to date"),
            new Step(PipelineJob.project, 0.20, true, PipelineChanges.Changes::projectionsStale,
                    "project: up to date"),
            // Last: the head only sharpens search, and clusters and maps are drawn from the model's own vectors.
            new Step(PipelineJob.adapt, 0.10, false, changes -> changes.adaptDue().isPresent(), null));

    public PipelineRunner(RunRecorder runs, EmbedBacklogJob embed, TextBacklogJob text, IndexService indexes,
                          ClusterService clusters, ProjectionService projections, PipelineChanges changes,
                          AdaptJob adapt, RunWorkers workers) {
        this.adapt = adapt;
        this.workers = workers;
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
            workers.submit(RunWorkers.Lane.PIPELINE, () -> execute(job, run.id, onlyChanged));
            return Uni.createFrom().item(run.id);
        });
    }

    private static ApiProblem alreadyRunning(PipelineJob job, UUID runId) {
        return ApiProblem.conflict("A " + job + " run is already in progress").with("runId", runId);
    }

    public boolean isRunning(PipelineJob job) {
        return active.containsKey(job);
    }

    /**
     * One step of {@code all}: its job, its share of the run's progress, whether a full run takes it, when a run of
     * only what changed takes it, and what the run says when it is left out ({@code null}: nothing).
     */
    private record Step(PipelineJob job, double weight, boolean inFullRun, Predicate<PipelineChanges.Changes> due,
                        String skipped) {
    }

    private void execute(PipelineJob job, UUID runId, boolean onlyChanged) {
        Progress progress = runs.progressOf(runId);
        try {
            BlockingDatabase.await(() -> runs.started(runId, onlyChanged ? "Started by the service (only what changed)" : "Started"));
            String message = job == PipelineJob.all ? runAll(progress, onlyChanged) : runOne(job, progress);
            BlockingDatabase.await(() -> runs.succeeded(runId, message));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Pipeline run %s (%s) failed", runId, job);
            BlockingDatabase.await(() -> runs.failed(runId, e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            active.remove(job, runId);
        }
    }

    private String runOne(PipelineJob job, Progress progress) {
        return switch (job) {
            case embed -> runEmbed(progress);
            case text -> runText(progress);
            case index -> runIndex(progress);
            case cluster -> runCluster(progress);
            case project -> runProject(progress);
            case adapt -> runAdapt(progress);
            case all -> throw new IllegalArgumentException("all is a sequence of steps, not a step");
        };
    }

    private String runAll(Progress progress, boolean onlyChanged) {
        List<Step> steps = allSteps.stream().filter(step -> onlyChanged || step.inFullRun()).toList();
        double total = steps.stream().mapToDouble(Step::weight).sum();
        PipelineChanges.Changes changes = onlyChanged ? BlockingDatabase.await(this.changes::check) : null;
        boolean embedded = false;
        List<String> done = new ArrayList<>();
        double from = 0;
        for (Step step : steps) {
            Progress share = progress.scaled(from, from + step.weight() / total);
            from += step.weight() / total;
            if (onlyChanged && embedded && step.job() == PipelineJob.cluster) {
                changes = BlockingDatabase.await(this.changes::check);
            }
            if (!onlyChanged || step.due().test(changes)) {
                if (step.job() == PipelineJob.adapt) {
                    LOG.infof("Adapt job due: %s", changes.adaptDue().orElseThrow());
                }
                done.add(runOne(step.job(), share));
                embedded |= step.job() == PipelineJob.embed;
            } else if (step.skipped() != null) {
                done.add(step.skipped());
                share.report(1, step.skipped());
            }
        }
        return String.join("; ", done);
    }

    private boolean textPending() {
        return text.pending() > 0;
    }

    private String runEmbed(Progress progress) {
        EmbedBacklogJob.Result result = embed.run(progress);
        return "Embedded " + result.embedded() + " product(s)" + (result.failures().isEmpty() ? ""
                : ", " + result.failures().size() + " failed: " + String.join("; ", result.failures()));
    }

    private String runText(Progress progress) {
        return "Gave the words of " + text.run(progress) + " product(s) text vectors";
    }

    private String runIndex(Progress progress) {
        int size = indexes.rebuild(progress);
        return "Index rebuilt with " + size + " vectors";
    }

    private String runAdapt(Progress progress) {
        AdaptJob.Result result = adapt.run(progress);
        return String.format(Locale.ROOT, "Learned the head %s from %d altered views of %d products (embedding %d ms,"
                + " learning %d ms); index rebuilt in its space with %d vectors%s%s", result.headId(), result.views(),
                result.products(), result.embedMs(), result.learnMs(), result.indexed(), result.failures().isEmpty()
                        ? "" : "; " + result.failures().size() + " image(s) unreadable: "
                        + String.join("; ", result.failures()), result.photoShift().map(s -> "; " + s).orElse(""));
    }

    private String runCluster(Progress progress) {
        long start = System.nanoTime();
        ClusterService.Result result = clusters.run(progress);
        progress.report(1, "Clustered");
        return String.format(Locale.ROOT, "Clustered %d vectors into %d clusters (run %d%s, NMI %.3f, ARI %.3f vs "
                        + "categories) in %d ms", result.vectors(), result.k(), result.runId(),
                result.silhouette() == null ? "" : String.format(Locale.ROOT, ", silhouette %.3f",
                        result.silhouette()), result.agreement().nmi(), result.agreement().ari(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private String runProject(Progress progress) {
        ProjectionService.Result result = projections.run(progress);
        return "Projected " + result.points() + " vectors: PCA in " + result.pcaMs() + " ms, t-SNE in "
                + result.tsneMs() + " ms";
    }
}
