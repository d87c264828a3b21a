package dev.visualsearch.common.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Answers the datasource keys with the embedded server's coordinates, starting it on the first read.
 * {@link #getPropertyNames()} stays empty on purpose: Quarkus records the values of listed names at build time,
 * and the port of a database that only exists at run time must not be baked into the build.
 */
final class EmbeddedPostgresConfigSource implements ConfigSource {

    private static final Set<String> KEYS = Set.of(
            EmbeddedPostgresConfigSourceFactory.REACTIVE_URL,
            "quarkus.datasource.jdbc.url");

    private final Path dataDirectory;

    EmbeddedPostgresConfigSource(String appDataDir) {
        this.dataDirectory = Path.of(appDataDir, "postgres");
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (!KEYS.contains(propertyName)) {
            return null;
        }
        Map<String, String> settings = EmbeddedPostgresServer.ensureStarted(dataDirectory);
        return settings.get(propertyName);
    }

    @Override
    public String getName() {
        return "embedded-postgresql";
    }

    /** Below application.properties (250) so that explicit settings always win. */
    @Override
    public int getOrdinal() {
        return 200;
    }
}
