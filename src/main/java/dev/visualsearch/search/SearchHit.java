package dev.visualsearch.search;

import java.math.BigDecimal;

/** One result of a search, with what a results grid shows. */
public record SearchHit(long productId, float score, int rank, String title, String category, BigDecimal price,
                        String imageUrl, String thumbnailUrl) {
}
