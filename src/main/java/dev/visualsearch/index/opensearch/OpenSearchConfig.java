package dev.visualsearch.index.opensearch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The OpenSearch cluster behind {@code app.index.backend=opensearch}; see docs/scale-out.md. */
@ConfigMapping(prefix = "app.opensearch")
public interface OpenSearchConfig {

    /** Node URLs, e.g. {@code https://os1:9200,https://os2:9200}; https uses the JVM's trust store. */
    @WithDefault("http://localhost:9200")
    List<String> hosts();

    /** Basic-auth user (set with APP_OPENSEARCH_USERNAME / APP_OPENSEARCH_PASSWORD, never in a file). */
    Optional<String> username();

    Optional<String> password();

    /**
     * The alias searches use. Each full build writes a new physical index {@code <alias>-<timestamp>} (shaped by
     * the index template {@code <alias>}) and then moves the alias to it in one atomic step.
     */
    @WithDefault("visual-search")
    String alias();

    @WithDefault("1")
    int shards();

    /** Replicas per shard: 1 keeps every document searchable when one node is down. */
    @WithDefault("1")
    int replicas();

    /** Lucene HNSW graph degree. */
    @WithDefault("16")
    int m();

    @WithDefault("128")
    int efConstruction();

    /** Candidates per query (the k-NN query's k when larger than the k asked for); higher is slower and better. */
    @WithDefault("100")
    int efSearch();

    /** Documents per bulk request during a full build. */
    @WithDefault("500")
    int bulkSize();

    /** Per-request socket timeout. */
    @WithDefault("30s")
    Duration timeout();
}
