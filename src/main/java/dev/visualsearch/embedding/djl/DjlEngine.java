package dev.visualsearch.embedding.djl;

import ai.djl.engine.Engine;
import org.jboss.logging.Logger;

/**
 * The one place that starts DJL's PyTorch engine. It forces offline mode, so the native library comes from the
 * {@code pytorch-native-cpu} jar and nothing is downloaded, and sets the thread counts, which PyTorch reads once
 * when the engine loads.
 */
public final class DjlEngine {

    private static final Logger LOG = Logger.getLogger(DjlEngine.class);
    private static volatile Engine engine;

    private DjlEngine() {
    }

    public static synchronized Engine pytorch(int threads) {
        if (engine == null) {
            System.setProperty("ai.djl.offline", "true");
            int intraOp = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
            // One inter-op thread: the graphs here are sequential, and extra pools only contend on small machines.
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            long start = System.nanoTime();
            engine = Engine.getEngine("PyTorch");
            LOG.infof("PyTorch engine %s loaded offline in %d ms (%d intra-op threads)", engine.getVersion(),
                    (System.nanoTime() - start) / 1_000_000, intraOp);
        }
        return engine;
    }
}
