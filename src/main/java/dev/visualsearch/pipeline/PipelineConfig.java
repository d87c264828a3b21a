package dev.visualsearch.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.pipeline")
public interface PipelineConfig {

    /**
     * When the scheduled pipeline checks for changes and, if any, runs {@code all}: an interval ({@code 15m},
     * {@code 1h}, {@code PT30M}), a Quartz-style cron expression ({@code 0 0 3 * * ?}), or {@code off}.
     */
    @WithDefault("15m")
    String schedule();

    /**
     * Run {@code all} (only what changed) as soon as a seed or an import has filled the catalogue, so clusters and
     * maps cover it without waiting for the schedule.
     */
    @WithDefault("true")
    boolean afterFilling();
}
