package dev.visualsearch.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * A search answer. {@code mode} is the mode actually used, which differs from {@code requestedMode} when the
 * requested one cannot be served yet (then {@code note} says why); {@code index} names the index that answered.
 * For an image search, {@code embedCache} says whether the query vector came from the query-vector cache ("hit",
 * no forward pass) or was computed ("miss"), and {@code queueMs} is the part of {@code embedMs} spent waiting for an
 * inference slot. {@code noCloseMatch} is true when even the best result is not near enough to call a match.
 * {@code textEmbedMs} is the words' pass through the text model, when the search had words. {@code photoShift} names
 * the photo shift a busy query photo was moved by toward the catalogue's domain (adapt job, salient framing), if any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResponse(UUID queryId, String model, String index, String mode, String requestedMode,
                             double tookMs, double embedMs, Double queueMs, String embedCache, String photoShift,
                             double searchMs,
                             Double textEmbedMs, String note, boolean noCloseMatch, List<SearchHit> results) {
}
