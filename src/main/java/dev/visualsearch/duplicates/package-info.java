/**
 * Near-duplicates in the catalogue: the report of product pairs that look alike above a threshold
 * ({@code GET /api/products/duplicates}), computed as an exact self-join of the index ({@code k} nearest neighbours
 * of every product) once per index version on a worker thread of its own and cached, and the catalogue's
 * {@link dev.visualsearch.catalog.LookAlikes} port, through which uploads and imports warn that a new image looks like
 * an existing product. A feature of its own above {@code index} (beside {@code search}): it reads the index and the
 * catalogue and is read by neither; the catalogue only knows the port it owns.
 */
package dev.visualsearch.duplicates;
