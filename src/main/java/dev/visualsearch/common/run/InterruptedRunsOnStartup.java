package dev.visualsearch.common.run;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Marks runs interrupted by the previous process as failed before anything new starts. */
@ApplicationScoped
public class InterruptedRunsOnStartup {

    private static final Logger LOG = Logger.getLogger(InterruptedRunsOnStartup.class);

    void onStart(@Observes @Priority(10) StartupEvent event, RunRecorder recorder) throws Throwable {
        int count = VertxContextSupport.subscribeAndAwait(recorder::failInterrupted);
        if (count > 0) {
            LOG.warnf("Marked %d run(s) interrupted by the previous shutdown as failed", count);
        }
    }
}
