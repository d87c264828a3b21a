package dev.visualsearch.search;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.LiveIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a search by examples (blocking: call it on a worker thread). The examples' vectors come from the exact index,
 * in the space the indexes search, so averaging and scoring happen where the cosines are read; the examples
 * themselves never come back as results.
 */
@ApplicationScoped
public class ExampleSearch {

    /** The best strategy scores this many of each positive's nearest products for every result wanted. */
    static final int CANDIDATES_PER_RESULT = 4;
    static final int MIN_CANDIDATES = 50;

    private final IndexService indexes;
    private final VectorSearch vectors;

    public ExampleSearch(IndexService indexes, VectorSearch vectors) {
        this.indexes = indexes;
        this.vectors = vectors;
    }

    /**
     * {@code photoVector} is the kept vector of the photo search {@code examples.queryId()} names (read by the caller,
     * which chains the query store on the event loop), empty when it is unknown or expired.
     */
    public VectorSearch.Outcome search(Examples examples, Optional<float[]> photoVector, SearchService.Query query) {
        LiveIndex exact = indexes.exact();
        List<float[]> positives = vectorsOf(exact, examples.positive());
        if (examples.queryId() != null) {
            float[] image = photoVector
                    .orElseThrow(() -> new ApiProblem(404, "Not found", "Query " + examples.queryId()
                            + " is unknown, has expired, or was embedded by another model; search with the image again"));
            positives.add(indexes.toSearchSpace(image));
        }
        List<float[]> negatives = vectorsOf(exact, examples.negative());
        Set<Long> exclude = new LinkedHashSet<>(examples.positive());
        exclude.addAll(examples.negative());
        if (examples.strategy() == ExampleStrategy.average) {
            return vectors.searchInSpace(ExampleStrategy.averageQuery(positives, negatives), query.k(),
                    query.category(), query.mode(), exclude);
        }
        return best(exact, positives, negatives, exclude, query);
    }

    private VectorSearch.Outcome best(LiveIndex exact, List<float[]> positives, List<float[]> negatives,
                                      Set<Long> exclude, SearchService.Query query) {
        long start = System.nanoTime();
        int depth = Math.max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * query.k());
        Set<Long> candidates = new LinkedHashSet<>();
        VectorSearch.Outcome first = null;
        for (float[] positive : positives) {
            VectorSearch.Outcome outcome = vectors.searchInSpace(positive, depth, query.category(), query.mode(),
                    exclude);
            first = first == null ? outcome : first;
            outcome.hits().forEach(hit -> candidates.add(hit.id()));
        }
        List<Hit> scored = new ArrayList<>();
        for (long id : candidates) {
            exact.vector(id).ifPresent(v -> scored.add(new Hit(id, ExampleStrategy.bestScore(v, positives,
                    negatives))));
        }
        scored.sort(Comparator.comparingDouble(Hit::score).reversed());
        List<Hit> top = scored.subList(0, Math.min(query.k(), scored.size()));
        return new VectorSearch.Outcome(List.copyOf(top), first.index(), first.mode(), first.note(),
                (System.nanoTime() - start) / 1e6);
    }

    private static List<float[]> vectorsOf(LiveIndex exact, List<Long> ids) {
        List<float[]> found = new ArrayList<>();
        for (long id : ids) {
            found.add(exact.vector(id).orElseThrow(() -> ApiProblem.conflict("Product " + id
                    + " has no vector in the index yet (it is waiting to be embedded); try again shortly")));
        }
        return found;
    }
}
