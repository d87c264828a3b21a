package dev.visualsearch.common.run;

/** Lifecycle of a run; the names are the API's and the database's values. */
public enum RunStatus {
    queued, running, succeeded, failed
}
