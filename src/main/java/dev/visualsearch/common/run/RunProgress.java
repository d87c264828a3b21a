package dev.visualsearch.common.run;

import dev.visualsearch.common.database.BlockingDatabase;
import java.util.UUID;

/**
 * A run's {@link Progress}, written to its record at most every {@link #WRITE_EVERY_MS} (and always at the end), so
 * a job reports as often as it likes and pollers still see steady progress. Blocks while it writes: for the job's
 * own worker thread only.
 */
final class RunProgress implements Progress {

    /** The run row is not updated more often than this. */
    static final long WRITE_EVERY_MS = 500;

    private final RunRecorder runs;
    private final UUID runId;
    private long lastWrite;

    RunProgress(RunRecorder runs, UUID runId) {
        this.runs = runs;
        this.runId = runId;
    }

    @Override
    public synchronized void report(double fraction, String message) {
        long now = System.currentTimeMillis();
        if (now - lastWrite >= WRITE_EVERY_MS || fraction >= 1) {
            lastWrite = now;
            BlockingDatabase.await(() -> runs.progress(runId, fraction, message));
        }
    }
}
