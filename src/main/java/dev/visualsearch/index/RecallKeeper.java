package dev.visualsearch.index;

import dev.visualsearch.common.Workers;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps the approximate index at its recall target (app.index.target-recall): sets a fresh index's search depth from
 * a measurement (SearchDepthTuner), and measures the live one again, off the request path and only deepening, when it
 * has grown by {@code recall-recheck-growth} since.
 */
final class RecallKeeper {

    private static final Logger LOG = Logger.getLogger(RecallKeeper.class);

    private final IndexConfig config;
    private final long seed;
    private final ExecutorService recheck = Workers.singleThread("index-recall-recheck");
    private final AtomicBoolean rechecking = new AtomicBoolean();

    RecallKeeper(IndexConfig config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    /** Sets a fresh index's depth; a loaded one keeps the depth its file recorded until it has grown enough. */
    void chooseDepth(VectorIndex ann, VectorIndex exact) {
        if (config.targetRecall() <= 0) {
            return;
        }
        Optional<SearchDepth> recorded = ann.searchDepth();
        if (recorded.isPresent() && recorded.get().targetRecall() == config.targetRecall()
                && !grown(ann.size(), recorded.get())) {
            return;
        }
        long start = System.nanoTime();
        log(SearchDepthTuner.tune(ann, exact, config.targetRecall(), config.recallSample(), seed, 0), ann, start);
    }

    /** After growth, measures the live index again in the background and deepens it if needed. */
    void recheckIfGrown(LiveIndex ann, LiveIndex exact) {
        if (ann == null || exact == null || config.targetRecall() <= 0) {
            return;
        }
        Optional<SearchDepth> measured = ann.read(VectorIndex::searchDepth);
        if (measured.isEmpty() || !grown(ann.size(), measured.get()) || !rechecking.compareAndSet(false, true)) {
            return;
        }
        int atLeast = measured.get().value() == null ? 0 : measured.get().value();
        recheck.submit(() -> {
            try {
                long start = System.nanoTime();
                exact.read(truth -> ann.read(index -> {
                    log(SearchDepthTuner.tune(index, truth, config.targetRecall(), config.recallSample(), seed,
                            atLeast), index, start);
                    return null;
                }));
            } catch (RuntimeException e) {
                LOG.warnf("Re-measuring the approximate index's recall failed: %s", e.getMessage());
            } finally {
                rechecking.set(false);
            }
        });
    }

    void close() {
        recheck.shutdownNow();
    }

    private boolean grown(int size, SearchDepth measured) {
        return size >= config.recallRecheckGrowth() * Math.max(100, measured.vectors());
    }

    private static void log(SearchDepth depth, VectorIndex index, long start) {
        String at = depth.value() == null ? "" : " at " + depth.parameter() + " " + depth.value();
        if (depth.reached()) {
            LOG.infof("%s: recall@10 %.3f%s (target %.2f; %d queries, %d ms)", index.descriptor().backend(),
                    depth.measuredRecall(), at, depth.targetRecall(), depth.queries(),
                    (System.nanoTime() - start) / 1_000_000);
        } else {
            LOG.warnf("%s: recall@10 %.3f%s is below the target %.2f even at its deepest setting; consider "
                    + "app.index.ann=faiss-flat or a larger HNSW M", index.descriptor().backend(),
                    depth.measuredRecall(), at, depth.targetRecall());
        }
    }
}
