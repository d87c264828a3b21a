package dev.visualsearch.index;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Builds the indexes in the background at start-up (searches answer 503 until they are ready), then announces
 * {@link IndexReady}.
 */
@ApplicationScoped
public class IndexStartup {

    private static final Logger LOG = Logger.getLogger(IndexStartup.class);

    void onStart(@Observes @Priority(30) StartupEvent event, IndexService indexes, Event<IndexReady> ready) {
        Thread thread = new Thread(() -> {
            try {
                indexes.start();
                ready.fire(new IndexReady(indexes.activeModelId(), indexes.exact().size()));
            } catch (RuntimeException e) {
                LOG.error("Building the index at start-up failed; run the index job to retry", e);
            }
        }, "index-startup");
        thread.setDaemon(true);
        thread.start();
    }
}
