package dev.visualsearch.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunLogTest {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = Logger.getLogger(RunLog.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            lines.add(parameters == null || parameters.length == 0 ? record.getMessage()
                    : String.format(record.getMessage(), parameters));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void aLongRunSaysEachQuarterItReachesOnceThenHowItEnded() {
        RunLog log = new RunLog();
        Run run = run("seed", Instant.now().minus(Duration.ofSeconds(30)));
        for (double progress : new double[] {0, 0.1, 0.26, 0.3, 0.8, 0.8, 0.99}) {
            run.progress = (float) progress;
            run.message = "step at " + progress;
            log.changed(run);
        }
        run.status = RunStatus.succeeded.name();
        run.finishedAt = run.startedAt.plusMillis(31_400);
        run.message = "Imported 562 files\n0 failed";
        log.changed(run);

        String id = run.id.toString().substring(0, 8);
        assertEquals(List.of(
                "seed run " + id + ": 25 % (step at 0.26)",
                "seed run " + id + ": 75 % (step at 0.8)",
                "seed run " + id + " succeeded in 31.4 s: Imported 562 files; 0 failed"), lines);
    }

    @Test
    void aShortRunSaysOnlyHowItEnded() {
        RunLog log = new RunLog();
        Run run = run("index", Instant.now());
        run.progress = 0.6f;
        log.changed(run);
        run.status = RunStatus.failed.name();
        run.finishedAt = run.startedAt.plusMillis(200);
        run.error = "disk full";
        log.changed(run);

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("failed after 0.2 s: disk full"), lines.get(0));
    }

    @Test
    void aQuotedMessageIsOneClippedLine() {
        assertEquals("-", RunLog.quote(null));
        assertEquals("a; b", RunLog.quote(" a \r\n  b\n"));
        String quoted = RunLog.quote("x".repeat(1_000));
        assertEquals(300, quoted.length());
        assertTrue(quoted.endsWith("…"));
    }

    private static Run run(String job, Instant startedAt) {
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.job = job;
        run.status = RunStatus.running.name();
        run.createdAt = startedAt;
        run.startedAt = startedAt;
        return run;
    }
}
