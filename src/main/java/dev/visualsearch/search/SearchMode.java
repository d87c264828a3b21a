package dev.visualsearch.search;

import dev.visualsearch.common.error.ApiProblem;
import java.util.Locale;

/** How to search: brute force (exact), the approximate index (ann), or only the nearest clusters' members. */
public enum SearchMode {
    exact, ann, cluster;

    public static SearchMode parse(String value) {
        if (value == null || value.isBlank()) {
            return exact;
        }
        try {
            return valueOf(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("mode must be exact, ann or cluster, not '" + value + "'");
        }
    }
}
