package dev.visualsearch.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.index")
public interface IndexConfig {

    /**
     * The approximate index behind {@code mode=ann}: {@code faiss-hnsw}, {@code faiss-ivf}, {@code faiss-flat}, or
     * {@code none}. The exact index always exists (it is the ground truth and serves {@code mode=exact}); when
     * FAISS is unavailable, {@code mode=ann} is answered by the exact index and the status says so.
     */
    @WithDefault("faiss-hnsw")
    String ann();

    /**
     * Where the approximate index lives: {@code local} (in this process, as {@code app.index.ann} says) or
     * {@code opensearch} (an OpenSearch k-NN cluster shared by every service instance, see {@code app.opensearch.*};
     * {@code app.index.ann} is then not used). The exact index is always local.
     */
    @WithDefault("local")
    String backend();

    /** Folder for saved index files. */
    @WithDefault("data/index")
    String dir();

    /** HNSW graph degree (FAISS "HNSW<M>"). */
    @WithDefault("32")
    int hnswM();

    /** HNSW search depth; higher is slower and more accurate. */
    @WithDefault("64")
    int hnswEfSearch();

    /** IVF lists probed per query. */
    @WithDefault("16")
    int ivfNprobe();

    /**
     * How often changes that a remote approximate index refused (OpenSearch down) are written again (AnnWriteRetry);
     * until then they are searchable through the exact index.
     */
    @WithDefault("10s")
    java.time.Duration annRetryEvery();
}
