package dev.visualsearch.common.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records the lifecycle of background runs. Every state change is its own short transaction so that pollers see
 * progress while the run is still working.
 */
@ApplicationScoped
public class RunRecorder {

    private final RunEvents events;
    private final RunLog log;

    public RunRecorder(RunEvents events, RunLog log) {
        this.events = events;
        this.log = log;
    }

    /** Messages are shown to people; keep them to a readable size. */
    private static final int MAX_TEXT = 4000;

    public Uni<Run> create(String job) {
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.job = job;
        run.status = RunStatus.queued.name();
        run.progress = 0;
        run.createdAt = Instant.now();
        return Panache.withTransaction(run::persist).replaceWith(run).invoke(events::publish);
    }

    public Uni<Void> started(UUID id, String message) {
        return update(id, "status = ?1, startedAt = ?2, message = ?3",
                RunStatus.running.name(), Instant.now(), clip(message));
    }

    public Uni<Void> progress(UUID id, double progress, String message) {
        return update(id, "progress = ?1, message = ?2", (float) clamp(progress), clip(message));
    }

    public Uni<Void> succeeded(UUID id, String message) {
        return update(id, "status = ?1, progress = 1, finishedAt = ?2, message = ?3",
                RunStatus.succeeded.name(), Instant.now(), clip(message));
    }

    public Uni<Void> failed(UUID id, String error) {
        return update(id, "status = ?1, finishedAt = ?2, error = ?3",
                RunStatus.failed.name(), Instant.now(), clip(error));
    }

    /**
     * The run's progress for the job doing it: throttled writes to the run record, blocking the caller while it
     * writes (a job's own worker thread, never a request).
     */
    public Progress progressOf(UUID id) {
        return new RunProgress(this, id);
    }

    /** Runs still queued or running when the service starts were interrupted by a crash or a restart. */
    public Uni<Integer> failInterrupted() {
        return Panache.withTransaction(() -> Run.update(
                "status = ?1, finishedAt = ?2, error = ?3 where status in (?4, ?5)",
                RunStatus.failed.name(), Instant.now(), "Interrupted: the service stopped while this run was active",
                RunStatus.queued.name(), RunStatus.running.name()));
    }

    @WithSession
    public Uni<Run> find(UUID id) {
        return Run.findById(id);
    }

    @WithSession
    public Uni<List<Run>> recent(int limit) {
        return Run.findAll(Sort.descending("createdAt")).page(0, limit).list();
    }

    private Uni<Void> update(UUID id, String assignments, Object... values) {
        Object[] parameters = new Object[values.length + 1];
        System.arraycopy(values, 0, parameters, 0, values.length);
        parameters[values.length] = id;
        String query = assignments + " where id = ?" + parameters.length;
        return Panache.withTransaction(() -> Run.update(query, parameters))
                .chain(() -> current(id)).invoke(run -> {
                    events.publish(run);
                    log.changed(run);
                }).replaceWithVoid();
    }

    /**
     * The run as stored now. The update's transaction has ended, so this is a session of its own and reads the row
     * afresh (no refresh needed: that was what logged Hibernate's HHH90000034 on every progress step).
     */
    private Uni<Run> current(UUID id) {
        return Panache.withSession(() -> Run.<Run>findById(id));
    }

    private static double clamp(double progress) {
        return Math.max(0, Math.min(1, progress));
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        // PostgreSQL text cannot hold NUL; an error message quoting binary data must not make the update fail
        String clean = text.replace('\u0000', '\uFFFD');
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT - 1) + "…";
    }
}
