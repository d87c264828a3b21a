/**
 * Catalogue adaptation without labels: the adapt job shows the frozen backbone seeded, altered views of the
 * catalogue's own products ({@link dev.visualsearch.adapt.ProductViews}) and learns, in closed form, a linear head
 * that keeps what a product's views share and drops what the alterations change (a pair whitening,
 * {@link dev.visualsearch.index.whitening.PairWhitening}). The head is saved with the index's search space, so its id
 * is part of every vector's space id, and the index is rebuilt in it.
 */
package dev.visualsearch.adapt;
