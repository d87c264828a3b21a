package dev.visualsearch.search;

import java.util.List;
import java.util.UUID;

/**
 * "More like these, less like those", validated: products to move toward and away from, and optionally the image of
 * an earlier search (its {@code queryId}), which counts as one more positive example.
 */
public record Examples(List<Long> positive, List<Long> negative, UUID queryId, ExampleStrategy strategy) {
}
