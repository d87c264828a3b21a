package dev.visualsearch.search;

import dev.visualsearch.common.error.ApiProblem;
import java.util.UUID;

/** The {@code queryId} a search response gave, as a client sends it back (examples, feedback). */
public final class QueryIds {

    private QueryIds() {
    }

    /** The id, or null when none was sent; a value that is not a UUID is a bad request. */
    public static UUID parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("queryId must be the queryId of a search response, not '" + value + "'");
        }
    }
}
