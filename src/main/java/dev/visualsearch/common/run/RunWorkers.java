package dev.visualsearch.common.run;

import dev.visualsearch.common.Workers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The one executor policy of runs: every run executes on the thread of its {@link Lane}. A lane takes one run at a
 * time, in the order they were started, so two heavy jobs never compete for the cores and two imports never
 * interleave their products; the two lanes run beside each other, so an upload's import is not held behind a
 * clustering run. What may <em>start</em> beside what (the service's own {@code all} waits for a filling catalogue)
 * is the pipeline's {@code StartPolicy}; this class only says where a started run executes.
 */
@ApplicationScoped
public class RunWorkers {

    /** Where a run executes. */
    public enum Lane {
        /** Runs that add products: the seed and imports. */
        CATALOGUE("catalogue-runs"),
        /** Pipeline jobs: embed, text, index, cluster, project, adapt, all. */
        PIPELINE("pipeline-runs");

        private final String threadName;

        Lane(String threadName) {
            this.threadName = threadName;
        }
    }

    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);

    public RunWorkers() {
        for (Lane lane : Lane.values()) {
            lanes.put(lane, Workers.singleThread(lane.threadName));
        }
    }

    /** Queues {@code run} on its lane; it starts once the runs before it on that lane have ended. */
    public void submit(Lane lane, Runnable run) {
        lanes.get(lane).submit(run);
    }

    /** Interrupts the running runs at shutdown; their records stay active and are marked failed at the next start. */
    @PreDestroy
    void stop() {
        lanes.values().forEach(ExecutorService::shutdownNow);
    }
}
