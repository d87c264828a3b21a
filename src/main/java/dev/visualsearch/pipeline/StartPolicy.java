package dev.visualsearch.pipeline;

import dev.visualsearch.common.run.Run;
import dev.visualsearch.common.run.RunStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one rule for starting {@code all} on the service's own initiative (the schedule, the start-up catch-up, the end
 * of a seed or import): never while the catalogue is still filling (a seed or import run queued or running, since
 * clusters and maps of half a catalogue would be shown until the next change), nor while {@code all} or
 * {@code embed} runs. A user's explicit start is not asked: the runs API refuses only a second run of the same job.
 */
@ApplicationScoped
public class StartPolicy {

    /** The runs that add products; {@code all} waits for them. */
    static final String[] FILLING_JOBS = {"seed", "import"};

    private final PipelineRunner runner;

    public StartPolicy(PipelineRunner runner) {
        this.runner = runner;
    }

    /** Why {@code all} should not start now, or empty when it may. */
    public Uni<Optional<String>> whyNotAll() {
        if (runner.isRunning(PipelineJob.all)) {
            return Uni.createFrom().item(Optional.of("a pipeline run is in progress"));
        }
        if (runner.isRunning(PipelineJob.embed)) {
            return Uni.createFrom().item(Optional.of("an embed run is in progress"));
        }
        return Panache.withSession(() -> Run.count("job in ?1 and status in (?2, ?3)",
                        java.util.List.of(FILLING_JOBS), RunStatus.queued.name(), RunStatus.running.name()))
                .map(filling -> filling > 0 ? Optional.of("the catalogue is still being filled (a seed or import "
                        + "run is active); it runs when that ends") : Optional.<String>empty());
    }
}
