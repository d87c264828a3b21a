package dev.visualsearch.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

/**
 * Builds the indexes in the background at start-up (searches answer 503 until they are ready), then announces
 * {@link IndexReady}. A step of {@code pipeline.StartupSequence}.
 */
@ApplicationScoped
public class IndexStartup {

    private static final Logger LOG = Logger.getLogger(IndexStartup.class);

    private final IndexService indexes;
    private final Event<IndexReady> ready;

    public IndexStartup(IndexService indexes, Event<IndexReady> ready) {
        this.indexes = indexes;
        this.ready = ready;
    }

    /** Starts the build on a thread of its own and returns at once. */
    public void startInBackground() {
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
