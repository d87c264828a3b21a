/**
 * The product catalogue: products and their metadata in PostgreSQL, their images on disk (content-addressed),
 * upload validation ({@code image}), zip imports ({@code importing}), the export in the form the import takes
 * ({@code exporting}) and the sample catalogue ({@code seed}).
 * The lowest feature: it announces changes with {@link dev.visualsearch.catalog.ProductAdded} (an upload),
 * {@link dev.visualsearch.catalog.ProductsAdded} (a batch of an import) and
 * {@link dev.visualsearch.catalog.ProductDeleted}, and never calls the features above it.
 */
package dev.visualsearch.catalog;
