package dev.visualsearch.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The index as {@code GET /api/index/status} shows it. {@code backend} is the index behind {@code mode=ann};
 * {@code stale} means some products have no vector for the active model yet ({@code pendingEmbeddings}).
 * {@code whitening} names the transform learned from the catalogue that the index searches in (absent: none), and
 * {@code calibration} the two scores that relevance is read against (see ScoreCalibration). {@code annWritesWaiting}
 * counts changes the approximate index refused (its backend down) that are retried on a schedule. {@code targetRecall},
 * {@code measuredRecall} and {@code searchDepth} (with {@code searchDepthParameter}: efSearch or nprobe) say how deep
 * the approximate index searches and the recall@10 against the exact index that was measured there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexStatus(boolean ready, String backend, String model, Integer dim, int size, Instant builtAt,
                          boolean stale, long pendingEmbeddings, String exactKernel, Integer annTombstones,
                          String annUnavailable, String whitening, ScoreCalibration calibration,
                          int annWritesWaiting, Double targetRecall, Double measuredRecall, Integer searchDepth,
                          String searchDepthParameter) {
}
