/**
 * Shoppers' verdicts on search results ("good" / "bad" per result of a search): stored in PostgreSQL
 * ({@code search_feedback}), counted by the search analytics, and read back as training pairs for catalogue
 * adaptation. Sits above {@code search} (a verdict names a logged search) and {@code catalog} (and a product).
 */
package dev.visualsearch.feedback;
