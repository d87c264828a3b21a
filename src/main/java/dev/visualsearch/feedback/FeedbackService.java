package dev.visualsearch.feedback;

import dev.visualsearch.catalog.CatalogService;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.search.SearchLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Records verdicts on search results, for known searches and existing products only. */
@ApplicationScoped
public class FeedbackService {

    private final CatalogService catalog;
    private final SearchLog searchLog;
    private final FeedbackRepository repository;

    public FeedbackService(CatalogService catalog, SearchLog searchLog, FeedbackRepository repository) {
        this.catalog = catalog;
        this.searchLog = searchLog;
        this.repository = repository;
    }

    public Uni<Void> record(UUID queryId, long productId, Verdict verdict) {
        return catalog.get(productId)
                .chain(product -> searchLog.holds(queryId) ? Uni.createFrom().item(true)
                        : repository.searchLogged(queryId))
                .invoke(known -> {
                    if (!known) {
                        throw ApiProblem.notFound("Search", queryId);
                    }
                })
                .chain(known -> repository.save(queryId, productId, verdict));
    }

    /** Judged (query, product) pairs, newest first: what catalogue adaptation can learn from. */
    public Uni<List<TrainingPair>> trainingPairs(int limit) {
        return repository.pairs(limit);
    }
}
