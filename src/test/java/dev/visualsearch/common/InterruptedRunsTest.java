package dev.visualsearch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.database.ReactiveWork;
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
        Run crashed = ReactiveWork.await(() -> recorder.create("cluster"));
        ReactiveWork.await(() -> recorder.started(crashed.id, "Started"));
        ReactiveWork.await(() -> recorder.progress(crashed.id, 0.4, "Choosing k by silhouette"));
        Run queued = ReactiveWork.await(() -> recorder.create("project"));
        Run done = ReactiveWork.await(() -> recorder.create("project"));
        ReactiveWork.await(() -> recorder.succeeded(done.id, "Projected"));

        int failed = ReactiveWork.await(recorder::failInterrupted);

        assertTrue(failed >= 2, "both interrupted runs are failed: " + failed);
        Run after = ReactiveWork.await(() -> recorder.find(crashed.id));
        assertEquals("failed", after.status);
        assertTrue(after.error.startsWith("Interrupted"), after.error);
        assertNotNull(after.finishedAt);
        assertEquals(0.4f, after.progress, 1e-6, "progress at the crash is kept for diagnosis");
        assertEquals("failed", ReactiveWork.await(() -> recorder.find(queued.id)).status);
        assertEquals("succeeded", ReactiveWork.await(() -> recorder.find(done.id)).status);
    }
}
