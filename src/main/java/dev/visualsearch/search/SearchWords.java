package dev.visualsearch.search;

import dev.visualsearch.common.error.ApiProblem;

/** The words of a search, checked: stripped, at most {@link #MAX_CHARS} characters. */
final class SearchWords {

    /** The text model reads 256 word pieces at most; a shopper's words are a handful. */
    static final int MAX_CHARS = 200;

    private SearchWords() {
    }

    /** The words, or null when none were given (absent or blank). */
    static String optional(String words) {
        if (words == null || words.isBlank()) {
            return null;
        }
        String clean = words.strip();
        if (clean.length() > MAX_CHARS) {
            throw ApiProblem.badRequest("Words are at most " + MAX_CHARS + " characters, not " + clean.length());
        }
        return clean;
    }

    static String required(String words) {
        String clean = optional(words);
        if (clean == null) {
            throw ApiProblem.badRequest("Give some words to search for: q=...");
        }
        return clean;
    }
}
