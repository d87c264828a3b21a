package dev.visualsearch.pipeline;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.embedding.EmbedBacklogJob;
import dev.visualsearch.index.IndexReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * After a start with products that have no vector for the active model (a model change, or embeddings that failed
 * before a crash), runs the {@code all} job so the catalogue catches up without anyone asking. Skipped while the
 * sample catalogue is being seeded, which embeds every product as it goes.
 */
@ApplicationScoped
public class CatchUpOnStartup {

    private static final Logger LOG = Logger.getLogger(CatchUpOnStartup.class);

    private final EmbedBacklogJob backlog;
    private final PipelineRunner runner;
    private final StartPolicy policy;

    public CatchUpOnStartup(EmbedBacklogJob backlog, PipelineRunner runner, StartPolicy policy) {
        this.backlog = backlog;
        this.runner = runner;
        this.policy = policy;
    }

    void onIndexReady(@Observes IndexReady ready) {
        long pending = backlog.pending();
        if (pending == 0) {
            return;
        }
        // A seed embeds every product as it goes, and its end starts the jobs anyway (CatchUpWhenCatalogueFilled).
        if (BlockingDatabase.await(policy::whyNotAll).isPresent()) {
            return;
        }
        LOG.infof("%d product(s) have no vector for %s: starting the embed and index jobs", pending, ready.modelId());
        try {
            BlockingDatabase.await(() -> runner.start(PipelineJob.all));
        } catch (RuntimeException e) {
            LOG.infof("Catch-up not started: %s", e.getMessage());
        }
    }
}
