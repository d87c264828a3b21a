package dev.visualsearch.pipeline;

import dev.visualsearch.common.error.ApiProblem;
import java.util.Arrays;
import java.util.Locale;

/**
 * The jobs a pipeline run can execute. {@code all} runs embed, text, index, cluster and project in that order;
 * {@code text} gives products their text vectors (titles and categories) and reloads the text index; {@code adapt}
 * learns a head from altered views of the catalogue and rebuilds the index in its space (on demand only: it embeds
 * every sampled product several times).
 */
public enum PipelineJob {
    embed, text, index, cluster, project, adapt, all;

    public static PipelineJob parse(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("Name a job: one of " + Arrays.toString(values()));
        }
        try {
            return valueOf(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Unknown job '" + value + "': one of " + Arrays.toString(values()));
        }
    }
}
