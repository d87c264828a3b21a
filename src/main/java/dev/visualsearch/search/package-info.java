/**
 * Search: the search API (by image and by product), choosing the index for a mode, pre-filtering by category,
 * keeping query images for explanations ({@link dev.visualsearch.search.QueryImages}) and logging every search
 * asynchronously ({@link dev.visualsearch.search.SearchLog}).
 */
package dev.visualsearch.search;
