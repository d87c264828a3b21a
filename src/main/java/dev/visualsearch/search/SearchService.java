package dev.visualsearch.search;

import dev.visualsearch.catalog.CatalogService;
import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.ProductView;
import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.common.database.DatabaseUnavailable;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.EmbeddingService;
import dev.visualsearch.embedding.InferenceSlots;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.ScoreCalibration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers searches: embeds the query image (or takes a product's stored vector), searches the chosen index on a
 * worker thread, adds product details in one query, keeps the query image for explanations and logs the search.
 */
@ApplicationScoped
public class SearchService {

    /** What the caller asked for, already validated. */
    public record Query(int k, String category, SearchMode mode) {
    }

    private final EmbeddingService embeddings;
    private final VectorSearch vectors;
    private final IndexService indexes;
    private final CatalogService catalog;
    private final ProductRepository products;
    private final QueryImages queryImages;
    private final QueryVectorCache queryVectors;
    private final SearchLog log;
    private final ExampleSearch exampleSearch;
    private final Vertx vertx;

    public SearchService(EmbeddingService embeddings, VectorSearch vectors, IndexService indexes,
                         CatalogService catalog, ProductRepository products, QueryImages queryImages,
                         QueryVectorCache queryVectors, SearchLog log, ExampleSearch exampleSearch, Vertx vertx) {
        this.embeddings = embeddings;
        this.vectors = vectors;
        this.indexes = indexes;
        this.catalog = catalog;
        this.products = products;
        this.queryImages = queryImages;
        this.queryVectors = queryVectors;
        this.log = log;
        this.exampleSearch = exampleSearch;
        this.vertx = vertx;
    }

    public Uni<SearchResponse> byImage(DecodedImage image, Query query, long startNanos) {
        UUID queryId = UUID.randomUUID();
        return vertx.executeBlocking(() -> {
            String modelId = indexes.activeModelId();
            String cacheKey = QueryVectorCache.key(modelId, image.bytes());
            Embedded embedded = queryVectors.get(cacheKey).map(Embedded::cached).orElseGet(() -> {
                long embedStart = System.nanoTime();
                InferenceSlots.Timed<float[]> timed = embeddings.embedTimed(image.rgb());
                queryVectors.put(cacheKey, timed.value());
                return new Embedded(timed.value(), (System.nanoTime() - embedStart) / 1e6, timed.queueMs(), "miss");
            });
            VectorSearch.Outcome outcome = vectors.search(embedded.vector(), query.k(), query.category(),
                    query.mode(), -1);
            queryImages.keep(queryId, image.bytes(), image.format(), modelId, embedded.vector());
            return new Searched(outcome, embedded);
        }, false).chain(searched -> respond(queryId, queryId, "image", null, query, searched, startNanos));
    }

    public Uni<SearchResponse> similarTo(long productId, Query query, long startNanos) {
        UUID queryId = UUID.randomUUID();
        // The stored vector is the model's (the index may hold it whitened); other instances' products are there too.
        return catalog.get(productId).chain(product -> embeddings.storedVector(productId))
                .chain(stored -> vertx.executeBlocking(() -> {
                    float[] vector = stored.orElseThrow(() -> ApiProblem.conflict("Product " + productId
                            + " has no embedding for the active model yet; run the embed job"));
                    return new Searched(vectors.search(vector, query.k(), query.category(), query.mode(), productId),
                            Embedded.NONE);
                }, false)).chain(searched -> respond(queryId, null, "product", productId, query, searched,
                        startNanos));
    }

    /**
     * More like these, less like those. The response carries the query id of the image search it refines (if any),
     * so that feedback and explanations keep referring to that photo; the log gets an entry of its own.
     */
    public Uni<SearchResponse> byExamples(Examples examples, Query query, long startNanos) {
        List<Long> ids = new ArrayList<>(examples.positive());
        ids.addAll(examples.negative());
        Uni<Void> known = ids.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.withSession(() -> products.list("id in ?1", ids)).invoke(found -> {
                    Set<Long> existing = found.stream().map(p -> p.id).collect(Collectors.toSet());
                    ids.stream().filter(id -> !existing.contains(id)).findFirst().ifPresent(id -> {
                        throw ApiProblem.notFound("Product", id);
                    });
                }).replaceWithVoid();
        return known.chain(() -> vertx.executeBlocking(() -> new Searched(exampleSearch.search(examples, query),
                        Embedded.NONE), false))
                .chain(searched -> respond(UUID.randomUUID(), examples.queryId(), "examples", null, query, searched,
                        startNanos));
    }

    private record Searched(VectorSearch.Outcome outcome, Embedded embedded) {
    }

    /** The query vector and what producing it cost: embedMs includes queueMs (the wait for an inference slot). */
    private record Embedded(float[] vector, Double embedMs, Double queueMs, String cache) {
        static final Embedded NONE = new Embedded(null, null, null, null);

        static Embedded cached(float[] vector) {
            return new Embedded(vector, null, null, "hit");
        }
    }

    /** {@code shownQueryId} is the query id the response names (null: none to explain or give feedback on). */
    private Uni<SearchResponse> respond(UUID queryId, UUID shownQueryId, String source, Long sourceProductId,
                                        Query query, Searched searched, long startNanos) {
        List<Hit> hits = searched.outcome().hits();
        List<Long> ids = hits.stream().map(Hit::id).toList();
        Uni<Optional<List<Product>>> details = ids.isEmpty() ? Uni.createFrom().item(Optional.of(List.of()))
                : Panache.withSession(() -> products.list("id in ?1", ids)).map(Optional::of)
                        .onFailure(DatabaseUnavailable::causedBy).recoverWithItem(Optional.empty());
        return details.map(found -> {
            ScoreCalibration calibration = indexes.calibration();
            List<SearchHit> results = found.isPresent() ? withDetails(hits, found.get(), calibration)
                    : fromIndexOnly(hits, calibration);
            boolean noCloseMatch = results.isEmpty() || !calibration.isCloseMatch(results.get(0).score());
            String note = found.isPresent() ? searched.outcome().note() : join(searched.outcome().note(),
                    "The database is unavailable: results come from the in-memory index without titles and prices");
            double tookMs = (System.nanoTime() - startNanos) / 1e6;
            VectorSearch.Outcome outcome = searched.outcome();
            Embedded embedded = searched.embedded();
            log.record(new SearchLogEntry(queryId, Instant.now(), source, sourceProductId, query.mode().name(),
                    outcome.mode().name(), outcome.index(), query.k(), query.category(), indexes.activeModelId(),
                    results.stream().mapToLong(SearchHit::productId).toArray(), scores(results), tookMs,
                    embedded.embedMs(), embedded.queueMs(), embedded.cache(), outcome.searchMs()));
            return new SearchResponse(shownQueryId, indexes.activeModelId(),
                    outcome.index(), outcome.mode().name(), query.mode().name(), round(tookMs),
                    embedded.embedMs() == null ? 0 : round(embedded.embedMs()),
                    embedded.queueMs() == null ? null : round(embedded.queueMs()), embedded.cache(),
                    round(outcome.searchMs()), note, noCloseMatch, results);
        });
    }

    /** Hits of products that still exist (one just deleted is skipped), with their details. */
    private static List<SearchHit> withDetails(List<Hit> hits, List<Product> found, ScoreCalibration calibration) {
        Map<Long, Product> byId = found.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        List<SearchHit> results = new ArrayList<>();
        for (Hit hit : hits) {
            Product p = byId.get(hit.id());
            if (p != null) {
                results.add(new SearchHit(p.id, hit.score(), relevance(calibration, hit), results.size() + 1, p.title,
                        p.category, p.price, ProductView.imageUrl(p.id), ProductView.thumbnailUrl(p.id)));
            }
        }
        return results;
    }

    /** While the database is down: what the index knows (id, score, category) and the image URLs. */
    private List<SearchHit> fromIndexOnly(List<Hit> hits, ScoreCalibration calibration) {
        List<SearchHit> results = new ArrayList<>();
        for (Hit hit : hits) {
            results.add(new SearchHit(hit.id(), hit.score(), relevance(calibration, hit), results.size() + 1, null,
                    indexes.category(hit.id()).orElse(null), null, ProductView.imageUrl(hit.id()),
                    ProductView.thumbnailUrl(hit.id())));
        }
        return results;
    }

    private static double relevance(ScoreCalibration calibration, Hit hit) {
        return Math.round(calibration.relevance(hit.score()) * 1000) / 1000.0;
    }

    private static String join(String first, String second) {
        return first == null ? second : first + ". " + second;
    }

    private static float[] scores(List<SearchHit> results) {
        float[] scores = new float[results.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = results.get(i).score();
        }
        return scores;
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
