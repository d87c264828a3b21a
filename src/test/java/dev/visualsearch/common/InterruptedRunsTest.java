package dev.visualsearch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Run;
import dev.visualsearch.common.run.RunRecorder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A run left running by a crash is failed by the start-up recovery; finished runs are left alone. */
@QuarkusTest
class InterruptedRunsTest {

    @Inject
    RunRecorder recorder;

    @Test
    void failsRunsLeftActiveAndKeepsFinishedOnes() {
        Run crashed = BlockingDatabase.await(() -> recorder.create("cluster"));
        BlockingDatabase.await(() -> recorder.started(crashed.id, "Started"));
        BlockingDatabase.await(() -> recorder.progress(crashed.id, 0.4, "Choosing k by silhouette"));
        Run queued = BlockingDatabase.await(() -> recorder.create("project"));
        Run done = BlockingDatabase.await(() -> recorder.create("project"));
        BlockingDatabase.await(() -> recorder.succeeded(done.id, "Projected"));

        int failed = BlockingDatabase.await(recorder::failInterrupted);

        assertTrue(failed >= 2, "both interrupted runs are failed: " + failed);
        Run after = BlockingDatabase.await(() -> recorder.find(crashed.id));
        assertEquals("failed", after.status);
        assertTrue(after.error.startsWith("Interrupted"), after.error);
        assertNotNull(after.finishedAt);
        assertEquals(0.4f, after.progress, 1e-6, "progress at the crash is kept for diagnosis");
        assertEquals("failed", BlockingDatabase.await(() -> recorder.find(queued.id)).status);
        assertEquals("succeeded", BlockingDatabase.await(() -> recorder.find(done.id)).status);
    }
}
