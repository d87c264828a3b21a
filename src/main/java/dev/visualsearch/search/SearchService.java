package dev.visualsearch.search;

import dev.visualsearch.adapt.PhotoShifts;
import dev.visualsearch.catalog.CatalogService;
import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.ProductView;
import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.common.database.DatabaseUnavailable;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.EmbeddingService;
import dev.visualsearch.embedding.InferenceSlots;
import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.LiveIndex;
import dev.visualsearch.index.ScoreCalibration;
import dev.visualsearch.text.TextSearch;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers searches: embeds the query image (or takes a product's stored vector, or embeds words), searches the
 * chosen index on a worker thread, adds product details in one query, keeps the query image for explanations and logs
 * the search. A search with a picture and words ranks by both (reciprocal rank fusion, {@link RankFusion}).
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
    private final TextSearch text;
    private final SearchConfig config;
    private final PhotoShifts photoShifts;
    private final Vertx vertx;

    public SearchService(EmbeddingService embeddings, VectorSearch vectors, IndexService indexes,
                         CatalogService catalog, ProductRepository products, QueryImages queryImages,
                         QueryVectorCache queryVectors, SearchLog log, ExampleSearch exampleSearch, TextSearch text,
                         SearchConfig config, PhotoShifts photoShifts, Vertx vertx) {
        this.embeddings = embeddings;
        this.vectors = vectors;
        this.indexes = indexes;
        this.catalog = catalog;
        this.products = products;
        this.queryImages = queryImages;
        this.queryVectors = queryVectors;
        this.log = log;
        this.exampleSearch = exampleSearch;
        this.text = text;
        this.config = config;
        this.photoShifts = photoShifts;
        this.vertx = vertx;
    }

    /** Each ranking a fused search reads holds this many products per result wanted (at least the minimum). */
    static final int FUSION_DEPTH_PER_RESULT = 4;
    static final int FUSION_MIN_DEPTH = 50;
    /** The index a search by words names: the text vectors, scanned exactly. */
    static final String TEXT_INDEX = "text-exact";

    /** {@code words} (null: none) are fused with the picture's ranking. */
    public Uni<SearchResponse> byImage(DecodedImage image, Query query, String words, long startNanos) {
        UUID queryId = UUID.randomUUID();
        Uni<Void> ready = words == null ? Uni.createFrom().voidItem() : text.ready();
        String modelId = indexes.activeModelId();
        return ready.chain(() -> vertx.executeBlocking(() -> {
            String cacheKey = QueryVectorCache.key(modelId, image.bytes());
            Embedded modelVector = queryVectors.get(cacheKey).map(Embedded::cached).orElseGet(() -> {
                long embedStart = System.nanoTime();
                InferenceSlots.Timed<float[]> timed = embeddings.embedTimed(image.rgb());
                queryVectors.put(cacheKey, timed.value());
                return new Embedded(timed.value(), (System.nanoTime() - embedStart) / 1e6, timed.queueMs(), "miss",
                        null);
            });
            // The cache holds the model's vector; the photo shift in force is applied on every search.
            Embedded embedded = modelVector.shifted(photoShifts.towardCatalogue(modelId, image.rgb(),
                    modelVector.vector()));
            Searched searched = words == null
                    ? new Searched(vectors.search(embedded.vector(), query.k(), query.category(), query.mode(), -1),
                    embedded)
                    : withWords(embedded, words, query);
            return searched;
        }, false))
                .call(searched -> queryImages.keep(queryId, image.bytes(), image.format(), modelId,
                        searched.embedded().vector()))
                .chain(searched -> respond(queryId, queryId, "image", null, query, searched, startNanos));
    }

    /** Products whose title and category read like the words; no picture, so nothing to explain. */
    public Uni<SearchResponse> byWords(String words, Query query, long startNanos) {
        return text.ready().chain(() -> vertx.executeBlocking(() -> {
            TextSearch.Found found = text.search(words, query.k(), query.category(), Set.of());
            VectorSearch.Outcome outcome = new VectorSearch.Outcome(found.hits(), TEXT_INDEX, SearchMode.exact,
                    query.mode() == SearchMode.exact ? null : "Words are always searched exactly",
                    found.searchMs());
            return new Searched(outcome, new Embedded(null, found.embedMs(), null, null, null), text.modelId(),
                    ScoreCalibration.UNCALIBRATED, null);
        }, false)).chain(searched -> respond(UUID.randomUUID(), null, "text", null, query, searched, startNanos));
    }

    /**
     * The picture's and the words' rankings, each {@link #FUSION_DEPTH_PER_RESULT} times as deep as the answer,
     * fused. Each result keeps its cosine to the picture as its score (a product only the words found gets it from
     * the exact index), so that the score and relevance a shopper reads mean what they mean in any image search.
     */
    private Searched withWords(Embedded embedded, String words, Query query) {
        int depth = Math.max(FUSION_MIN_DEPTH, FUSION_DEPTH_PER_RESULT * query.k());
        VectorSearch.Outcome picture = vectors.search(embedded.vector(), depth, query.category(), query.mode(), -1);
        TextSearch.Found found = text.search(words, depth, query.category(), Set.of());
        long start = System.nanoTime();
        List<RankFusion.Fused> fused = RankFusion.fuse(List.of(new RankFusion.Ranking(picture.hits(), 1),
                new RankFusion.Ranking(found.hits(), config.textWeight())));
        Map<Long, Float> pictureScores = new HashMap<>();
        picture.hits().forEach(hit -> pictureScores.put(hit.id(), hit.score()));
        LiveIndex exact = indexes.exact();
        float[] inSpace = indexes.toSearchSpace(embedded.vector());
        List<Hit> hits = new ArrayList<>();
        for (RankFusion.Fused f : fused.subList(0, Math.min(query.k(), fused.size()))) {
            Float score = pictureScores.get(f.id());
            hits.add(new Hit(f.id(), score != null ? score
                    : exact.vector(f.id()).map(v -> Vectors.dot(v, inSpace)).orElse(0f)));
        }
        String how = String.format(Locale.ROOT, "Ranked by the picture and the words (reciprocal rank fusion, words "
                + "weighted %s); the words match product titles and categories, not pixels", config.textWeight());
        double searchMs = picture.searchMs() + found.searchMs() + (System.nanoTime() - start) / 1e6;
        return new Searched(new VectorSearch.Outcome(hits, picture.index(), picture.mode(), join(picture.note(), how),
                searchMs), embedded, null, null, found.embedMs());
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
        Uni<Optional<float[]>> photo = examples.queryId() == null ? Uni.createFrom().item(Optional.empty())
                : queryImages.vector(examples.queryId(), indexes.activeModelId());
        return known.chain(() -> photo).chain(photoVector -> vertx.executeBlocking(() ->
                        new Searched(exampleSearch.search(examples, photoVector, query), Embedded.NONE), false))
                .chain(searched -> respond(UUID.randomUUID(), examples.queryId(), "examples", null, query, searched,
                        startNanos));
    }

    /**
     * What a search found. {@code modelId} and {@code calibration} are null for the image model's own (the active
     * model, the index's calibration); {@code textEmbedMs} is the words' pass through the text model, if any.
     */
    private record Searched(VectorSearch.Outcome outcome, Embedded embedded, String modelId,
                            ScoreCalibration calibration, Double textEmbedMs) {
        Searched(VectorSearch.Outcome outcome, Embedded embedded) {
            this(outcome, embedded, null, null, null);
        }
    }

    /**
     * The query vector and what producing it cost: embedMs includes queueMs (the wait for an inference slot);
     * photoShift names the photo shift the vector went through, if any.
     */
    private record Embedded(float[] vector, Double embedMs, Double queueMs, String cache, String photoShift) {
        static final Embedded NONE = new Embedded(null, null, null, null, null);

        static Embedded cached(float[] vector) {
            return new Embedded(vector, null, null, "hit", null);
        }

        Embedded shifted(PhotoShifts.Query query) {
            return new Embedded(query.vector(), embedMs, queueMs, cache, query.shiftId());
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
            ScoreCalibration calibration = searched.calibration() != null ? searched.calibration()
                    : indexes.calibration();
            String modelId = searched.modelId() != null ? searched.modelId() : indexes.activeModelId();
            List<SearchHit> results = found.isPresent() ? withDetails(hits, found.get(), calibration)
                    : fromIndexOnly(hits, calibration);
            boolean noCloseMatch = results.isEmpty() || !calibration.isCloseMatch(results.get(0).score());
            String note = found.isPresent() ? searched.outcome().note() : join(searched.outcome().note(),
                    "The database is unavailable: results come from the in-memory index without titles and prices");
            double tookMs = (System.nanoTime() - startNanos) / 1e6;
            VectorSearch.Outcome outcome = searched.outcome();
            Embedded embedded = searched.embedded();
            log.record(new SearchLogEntry(queryId, Instant.now(), source, sourceProductId, query.mode().name(),
                    outcome.mode().name(), outcome.index(), query.k(), query.category(), modelId,
                    results.stream().mapToLong(SearchHit::productId).toArray(), scores(results), tookMs,
                    embedded.embedMs(), embedded.queueMs(), embedded.cache(), outcome.searchMs(),
                    embedded.photoShift()));
            return new SearchResponse(shownQueryId, modelId,
                    outcome.index(), outcome.mode().name(), query.mode().name(), round(tookMs),
                    embedded.embedMs() == null ? 0 : round(embedded.embedMs()),
                    embedded.queueMs() == null ? null : round(embedded.queueMs()), embedded.cache(),
                    embedded.photoShift(), round(outcome.searchMs()), searched.textEmbedMs() == null ? null : round(searched.textEmbedMs()),
                    note, noCloseMatch, results);
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
