package dev.visualsearch.common.run;

import java.time.Instant;
import java.util.UUID;

/** A run as the API shows it. */
public record RunView(UUID id, String job, String status, double progress, String message, String error,
                      Instant createdAt, Instant startedAt, Instant finishedAt) {

    public static RunView of(Run run) {
        return new RunView(run.id, run.job, run.status, run.progress, run.message, run.error, run.createdAt,
                run.startedAt, run.finishedAt);
    }
}
