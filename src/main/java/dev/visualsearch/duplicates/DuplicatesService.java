package dev.visualsearch.duplicates;

import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.ProductView;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.index.ClosePair;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The near-duplicate report at a threshold: the cached nearest pairs of the index filtered by score, the best
 * {@code max-pairs} of them with the details of their products (pairs of a product deleted since are left out).
 */
@ApplicationScoped
public class DuplicatesService {

    private final NearestPairs nearest;
    private final ProductRepository products;
    private final DuplicatesConfig config;
    private final DefaultThreshold defaultThreshold;

    public DuplicatesService(NearestPairs nearest, ProductRepository products, DuplicatesConfig config,
                             DefaultThreshold defaultThreshold) {
        this.nearest = nearest;
        this.products = products;
        this.config = config;
        this.defaultThreshold = defaultThreshold;
    }

    /** The default of the space the index searches now (whitened or not). */
    public double defaultThreshold() {
        return defaultThreshold.now();
    }

    public Uni<DuplicatesReport> report(double threshold) {
        return pairs().chain(computed -> {
            List<ClosePair> above = computed.pairs().stream().filter(p -> p.score() >= threshold).toList();
            List<ClosePair> listed = above.stream().limit(config.maxPairs()).toList();
            Set<Long> ids = new LinkedHashSet<>();
            listed.forEach(p -> {
                ids.add(p.a());
                ids.add(p.b());
            });
            Uni<List<Product>> details = ids.isEmpty() ? Uni.createFrom().item(List.of())
                    : Panache.withSession(() -> products.list("id in ?1", List.copyOf(ids)));
            return details.map(found -> {
                Map<Long, Product> byId = found.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
                List<DuplicatePair> pairs = listed.stream()
                        .filter(p -> byId.containsKey(p.a()) && byId.containsKey(p.b()))
                        .map(p -> new DuplicatePair(p.a(), p.b(), p.score())).toList();
                List<PairedProduct> named = byId.values().stream()
                        .map(p -> new PairedProduct(p.id, p.title, p.category, ProductView.imageUrl(p.id),
                                ProductView.thumbnailUrl(p.id)))
                        .sorted((x, y) -> Long.compare(x.id(), y.id())).toList();
                int dropped = listed.size() - pairs.size();
                return new DuplicatesReport(threshold, pairs, above.size() - dropped, named, computed.space(),
                        computed.indexed(), config.neighbours(), computed.computedAt(),
                        Math.round(computed.computeMs() * 10) / 10.0, !nearest.isCurrent(computed));
            });
        });
    }

    /**
     * The current pairs, waiting up to {@code wait-seconds} for a computation; past that the previous pairs (the
     * report says stale), or 503 with Retry-After when there are none yet.
     */
    private Uni<NearestPairs.Computed> pairs() {
        // The pairs may come from the duplicates thread; the database session that follows needs the request's context.
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(nearest::current)
                .ifNoItem().after(Duration.ofSeconds(config.waitSeconds()))
                .recoverWithUni(() -> nearest.last().map(Uni.createFrom()::item).orElseGet(() ->
                        Uni.createFrom().failure(ApiProblem.serviceUnavailable("The duplicates report is being "
                                + "computed for the first time; retry in a little while", config.waitSeconds()))))
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
