/**
 * Words: a sentence-embedding model over product titles and categories ({@link dev.visualsearch.text.TextModel}),
 * the products' text vectors in PostgreSQL like image vectors, an in-memory exact index over them
 * ({@link dev.visualsearch.text.TextIndex}) kept current as products come and go, and the pipeline's text job. The
 * words match product data, never pixels; the search feature fuses them with an image search.
 */
package dev.visualsearch.text;
