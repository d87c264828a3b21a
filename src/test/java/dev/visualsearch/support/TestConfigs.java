package dev.visualsearch.support;

import dev.visualsearch.index.IndexConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** Real config mappings with their defaults, for plain unit tests, so that a new setting needs no test change. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** {@code app.index.*} with its defaults, overridden by {@code values} (full property names). */
    public static IndexConfig index(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(IndexConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(values)
                .build().getConfigMapping(IndexConfig.class);
    }
}
