package dev.visualsearch.common.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Tells the log what runs do, from the run records themselves, so every job, import and the seed read the same way:
 * how far a long one has got (each quarter, once it has run {@link #PROGRESS_AFTER}) and how it ended, with its
 * message (why a run started is said by whoever starts it). On a first start these lines are the seed's progress
 * and the catch-up's end.
 */
@ApplicationScoped
public class RunLog {

    private static final Logger LOG = Logger.getLogger(RunLog.class);

    /** A run shorter than this says only how it ended. */
    static final Duration PROGRESS_AFTER = Duration.ofSeconds(10);

    /** The longest message a line quotes. */
    private static final int MAX_QUOTE = 300;

    private final Map<UUID, Integer> quartersLogged = new ConcurrentHashMap<>();

    /** Called with the run as stored after each change. */
    void changed(Run run) {
        if (run == null) {
            return;
        }
        RunStatus status = RunStatus.valueOf(run.status);
        switch (status) {
            case running -> running(run);
            case succeeded -> {
                quartersLogged.remove(run.id);
                LOG.infof("%s run %s succeeded in %s: %s", run.job, shortId(run.id), took(run), quote(run.message));
            }
            case failed -> {
                quartersLogged.remove(run.id);
                LOG.warnf("%s run %s failed after %s: %s", run.job, shortId(run.id), took(run), quote(run.error));
            }
            default -> {
            }
        }
    }

    private void running(Run run) {
        // whoever starts a run says why; this says how far it has got
        int logged = quartersLogged.computeIfAbsent(run.id, id -> 0);
        int quarter = (int) Math.floor(run.progress * 4);
        boolean longRunning = run.startedAt != null
                && Duration.between(run.startedAt, Instant.now()).compareTo(PROGRESS_AFTER) >= 0;
        if (quarter > logged && quarter < 4 && longRunning
                && quartersLogged.replace(run.id, logged, quarter)) {
            LOG.infof("%s run %s: %d %% (%s)", run.job, shortId(run.id), quarter * 25, quote(run.message));
        }
    }

    private static String took(Run run) {
        if (run.startedAt == null || run.finishedAt == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f s",
                Duration.between(run.startedAt, run.finishedAt).toMillis() / 1000.0);
    }

    /** A run's message on one line, clipped. */
    static String quote(String text) {
        if (text == null || text.isBlank()) {
            return "-";
        }
        String line = text.strip().replaceAll("\\s*\\R\\s*", "; ");
        return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE - 1) + "…";
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
