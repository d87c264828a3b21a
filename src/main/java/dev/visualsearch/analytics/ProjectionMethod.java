package dev.visualsearch.analytics;

import dev.visualsearch.common.error.ApiProblem;
import java.util.Locale;

/** The 2-D maps the service computes; the names are the API's and the database's values. */
public enum ProjectionMethod {
    tsne, pca;

    public static ProjectionMethod parse(String value) {
        if (value == null || value.isBlank()) {
            return tsne;
        }
        try {
            return valueOf(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("method must be tsne or pca, not '" + value + "'");
        }
    }
}
