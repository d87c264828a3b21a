package dev.visualsearch.feedback;

import dev.visualsearch.common.error.ApiProblem;

/** A shopper's verdict on one result. */
public enum Verdict {
    good,
    bad;

    public static Verdict parse(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("verdict is required: 'good' or 'bad'");
        }
        try {
            return valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("verdict must be 'good' or 'bad', not '" + value + "'");
        }
    }
}
