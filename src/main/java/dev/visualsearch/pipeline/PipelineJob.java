package dev.visualsearch.pipeline;

import dev.visualsearch.common.error.ApiProblem;
import java.util.Arrays;
import java.util.Locale;

/** The jobs a pipeline run can execute. {@code all} runs embed, index, cluster and project in that order. */
public enum PipelineJob {
    embed, index, cluster, project, all;

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
