package dev.visualsearch.search;

import java.math.BigDecimal;

/**
 * One result of a search, with what a results grid shows. {@code score} is the cosine in the index's space;
 * {@code relevance} (0..1) reads it against the catalogue's own scores (see ScoreCalibration).
 */
public record SearchHit(long productId, float score, double relevance, int rank, String title, String category,
                        BigDecimal price, String imageUrl, String thumbnailUrl) {
}
