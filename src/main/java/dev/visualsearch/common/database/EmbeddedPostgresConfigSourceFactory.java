package dev.visualsearch.common.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies datasource settings from an embedded PostgreSQL when none are configured, so that the service runs on a
 * fresh machine with no set-up. A configured {@code quarkus.datasource.reactive.url} (any profile, any source) turns
 * it off. Quarkus also calls config factories at build time, so the source only starts the database when a
 * datasource key is actually read, which happens at run time.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(REACTIVE_URL);
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("app.data-dir");
        String dir = dataDir == null || dataDir.getValue() == null ? "data" : dataDir.getValue();
        return List.of(new EmbeddedPostgresConfigSource(dir));
    }
}
