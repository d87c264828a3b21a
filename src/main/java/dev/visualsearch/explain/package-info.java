/**
 * Explanations: why a product matches a query. The {@link dev.visualsearch.explain.CamMethod} port with one class
 * per method over a shared base (closed-form and autograd Grad-CAM, occlusion), small target objects
 * ({@link dev.visualsearch.explain.SimilarityTarget}, {@link dev.visualsearch.explain.ClassTarget}), heatmap
 * rendering, a size-bounded disk cache under {@code explanations/} and the explain routes. Reads the active model's
 * feature maps ({@code embedding}), the kept query images ({@code search}) and product images ({@code catalog}).
 */
package dev.visualsearch.explain;
