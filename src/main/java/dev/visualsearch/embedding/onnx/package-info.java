/**
 * ONNX Runtime adapter of the embedding feature: the optional IS-Net salient-object mask that
 * {@link dev.visualsearch.embedding.framing.SalientFraming} cuts products out of busy photographs with.
 */
package dev.visualsearch.embedding.onnx;
