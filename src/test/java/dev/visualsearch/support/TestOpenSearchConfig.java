package dev.visualsearch.support;

import dev.visualsearch.index.opensearch.OpenSearchConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The shipped OpenSearch settings (the defaults of OpenSearchConfig) against the given hosts and alias. */
public record TestOpenSearchConfig(List<String> hosts, String alias, int replicas) implements OpenSearchConfig {

    @Override
    public Optional<String> username() {
        return Optional.empty();
    }

    @Override
    public Optional<String> password() {
        return Optional.empty();
    }

    @Override
    public int shards() {
        return 1;
    }

    @Override
    public int m() {
        return 16;
    }

    @Override
    public int efConstruction() {
        return 128;
    }

    @Override
    public int efSearch() {
        return 100;
    }

    @Override
    public int bulkSize() {
        return 500;
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(30);
    }
}
