package dev.visualsearch.index;

import dev.visualsearch.common.error.ApiProblem;

/** 503 while the index is still being built at start-up. */
public class IndexNotReadyException extends ApiProblem {

    public IndexNotReadyException() {
        super(503, "Service unavailable", "The search index is still being built; try again in a few seconds");
    }
}
