/**
 * Background runs as clients see them: the run list and each run's status and progress. The jobs themselves
 * (embed, index, cluster, project) arrive with their features; imports and seeding already record runs here.
 */
package dev.visualsearch.pipeline;
