package dev.visualsearch.catalog;

import java.util.List;

/** One page of products and the number of products matching the filter. */
public record ProductPage(List<ProductView> items, long total) {
}
