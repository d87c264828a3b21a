package dev.visualsearch.embedding;

import dev.visualsearch.catalog.ProductPictures;
import dev.visualsearch.common.InstanceId;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Embeds every product that has no vector for the active model yet (new imports, failures, or all of them after a
 * model change), in batches on the calling worker thread. Products whose image cannot be read are reported and
 * skipped, so one bad file never blocks the backlog.
 */
@ApplicationScoped
public class EmbedBacklogJob {

    /** What a run did. */
    public record Result(int embedded, List<String> failures) {
    }

    private static final Logger LOG = Logger.getLogger(EmbedBacklogJob.class);
    private static final long WAIT_FOR_OTHERS_MS = 500;

    private final EmbeddingRepository vectors;
    private final EmbeddingService embeddings;
    private final ProductPictures pictures;
    private final EmbeddingConfig config;
    private final ActiveModel model;
    private final InstanceId instance;

    public EmbedBacklogJob(EmbeddingRepository vectors, EmbeddingService embeddings, ProductPictures pictures,
                           EmbeddingConfig config, ActiveModel model, InstanceId instance) {
        this.vectors = vectors;
        this.embeddings = embeddings;
        this.pictures = pictures;
        this.config = config;
        this.model = model;
        this.instance = instance;
    }

    public long pending() {
        String modelId = model.id();
        return BlockingDatabase.await(() -> vectors.countMissing(modelId));
    }

    /**
     * Runs until the backlog is empty; {@code progress} receives (fraction done, message). Blocking. The backlog is
     * shared with any other instance on the same database: each batch is claimed first (see
     * {@link EmbeddingRepository#claimMissing}), and when only other instances' claims are left this run waits for
     * them to finish or expire, so a batch held by an instance that died is still embedded.
     */
    public Result run(Progress progress) {
        String modelId = model.get().id();
        String me = instance.value();
        double lease = config.claimLease().toMillis() / 1000.0;
        long total = BlockingDatabase.await(() -> vectors.countMissing(modelId));
        int done = 0;
        List<String> failures = new ArrayList<>();
        int batchSize = Math.max(1, config.batchSize());
        // Renews this instance's claims while a batch is in the forward pass (the first one, warming up, can
        // take longer than a short lease); it dies with the process, so a crashed instance's claims expire.
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedding-claim-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, config.claimLease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(() -> renew(modelId, me, lease), period, period, TimeUnit.MILLISECONDS);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Long> ids = BlockingDatabase.await(() -> vectors.claimMissing(modelId, batchSize, me, lease));
                if (ids.isEmpty()) {
                    long elsewhere = BlockingDatabase.await(() -> vectors.countClaimedElsewhere(modelId, me));
                    if (elsewhere == 0) {
                        break;
                    }
                    progress.report(total == 0 ? 1.0 : Math.min(1.0, (double) done / total), done + " of " + total
                            + " products embedded here; waiting for " + elsewhere + " claimed by other instances");
                    Thread.sleep(WAIT_FOR_OTHERS_MS);
                    continue;
                }
                done += embedBatch(ids, failures);
                BlockingDatabase.await(() -> vectors.releaseClaims(modelId, me, true));
                progress.report(total == 0 ? 1.0 : Math.min(1.0, (double) done / total),
                        done + " of " + total + " products embedded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.shutdownNow();
            releaseAll(modelId, me);
        }
        return new Result(done, failures);
    }

    private void renew(String modelId, String me, double lease) {
        try {
            BlockingDatabase.await(() -> vectors.renewClaims(modelId, me, lease));
        } catch (RuntimeException e) {
            LOG.warnf("Could not renew embedding claims: %s", e.getMessage());
        }
    }

    /**
     * Failures were held for the rest of the run so that it does not retry them; the next run may. Also runs when
     * the run is cancelled, with the interrupt set aside for the release and restored after it.
     */
    private void releaseAll(String modelId, String me) {
        boolean interrupted = Thread.interrupted();
        try {
            BlockingDatabase.await(() -> vectors.releaseClaims(modelId, me, false));
        } catch (RuntimeException e) {
            LOG.warnf("Could not release embedding claims (they expire by themselves): %s", e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int embedBatch(List<Long> ids, List<String> failures) {
        ProductPictures.Read read = pictures.read(ids);
        failures.addAll(read.failures());
        List<EmbeddingService.ProductImage> images = read.pictures().stream()
                .map(p -> new EmbeddingService.ProductImage(p.productId(), p.category(), p.image())).toList();
        embeddings.embedProducts(images);
        return images.size();
    }
}
