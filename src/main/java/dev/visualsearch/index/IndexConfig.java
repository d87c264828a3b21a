package dev.visualsearch.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.index")
public interface IndexConfig {

    /**
     * The approximate index behind {@code mode=ann}: {@code auto} (chosen by size at each build: HNSW below 200,000
     * vectors, {@code faiss-ivf-sq8} from there), {@code faiss-hnsw}, {@code faiss-ivf}, {@code faiss-flat}, the
     * compressed {@code faiss-ivf-sq8} and {@code faiss-hnsw-sq8} (8-bit codes, candidates rescored on the float rows,
     * see {@link #rescoreFactor()}), or {@code none}. The exact index always exists (it is the ground truth and serves
     * {@code mode=exact}); when FAISS is unavailable, {@code mode=ann} is answered by the exact index and the status
     * says so.
     */
    @WithDefault("auto")
    String ann();

    /**
     * Where the approximate index lives: {@code local} (in this process, as {@code app.index.ann} says) or
     * {@code opensearch} (an OpenSearch k-NN cluster shared by every service instance, see {@code app.opensearch.*};
     * {@code app.index.ann} is then not used). The exact index is always local.
     */
    @WithDefault("local")
    String backend();

    /** Folder for saved index files (under the data folder, so that each data folder has its own). */
    @WithDefault("${app.data-dir}/index")
    String dir();

    /**
     * A compressed index fetches this many times k candidates, which the exact index scores again on the float rows
     * (RescoredIndex); 0 answers with the codes' own scores.
     */
    @WithDefault("4")
    int rescoreFactor();

    /**
     * Threads a local ANN build trains and inserts on (0: one per core). A rebuild in the background competes with
     * searches for the cores while it runs; with every core it is over sooner (docs/performance.md, "HNSW build
     * time").
     */
    @WithDefault("0")
    int buildThreads();

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

    /**
     * Recall@10 the approximate index must reach against the exact index: each build measures it on
     * {@code recall-sample} catalogue vectors and searches at the smallest HNSW efSearch / IVF nprobe that reaches it
     * (SearchDepthTuner); {@code hnsw-ef-search} and {@code ivf-nprobe} then only apply before the first measurement.
     * 0 turns the measurement off.
     */
    @WithDefault("0.95")
    double targetRecall();

    /** Catalogue vectors used as queries when recall is measured. */
    @WithDefault("200")
    int recallSample();

    /** Recall is measured again (and the depth only deepened) when the index has grown by this factor since. */
    @WithDefault("1.5")
    double recallRecheckGrowth();

    /**
     * When deleted products exceed this share of the approximate index's entries (HNSW keeps them as tombstones), the
     * {@code index} job rebuilds it in the background (at least {@code tombstone-rebuild-minimum} of them; 0: never).
     */
    @WithDefault("0.2")
    double tombstoneRebuildShare();

    @WithDefault("100")
    int tombstoneRebuildMinimum();
}
