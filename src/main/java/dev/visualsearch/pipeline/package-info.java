/**
 * Background runs as clients see them (the run list, each run's status and progress, and a server-sent-events
 * stream of changes) and the pipeline jobs: embed, index, cluster, project and all, on one worker thread, started
 * by the API or by the schedule ({@code app.pipeline.schedule}) when the embeddings changed. Orchestrates the
 * features below; nothing depends on it.
 */
package dev.visualsearch.pipeline;
