package dev.visualsearch.catalog;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** Product queries. Every value reaches SQL as a bound parameter. */
@ApplicationScoped
public class ProductRepository implements PanacheRepository<Product> {

    public Uni<ProductPage> page(int page, int size, String category, String text) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (category != null && !category.isBlank()) {
            where.append(" and category = :category");
            parameters.and("category", category);
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(title) like :text or lower(sku) like :text)");
            parameters.and("text", "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        String query = where.toString();
        return find(query, Sort.by("id"), parameters).page(page, size).list()
                .chain(items -> count(query, parameters)
                        .map(total -> new ProductPage(items.stream().map(ProductView::of).toList(), total)));
    }

    /** One page of the members of a cluster of the active clustering, in id order. */
    public Uni<ProductPage> inCluster(int clusterId, int page, int size) {
        return find("clusterId", Sort.by("id"), clusterId).page(page, size).list()
                .chain(items -> count("clusterId", clusterId)
                        .map(total -> new ProductPage(items.stream().map(ProductView::of).toList(), total)));
    }

    /** Up to {@code limit} products with an id above {@code afterId}, in id order (keyset paging for the export). */
    public Uni<List<Product>> after(long afterId, int limit) {
        return find("id > ?1", Sort.by("id"), afterId).page(0, limit).list();
    }

    public Uni<Product> findByImageHash(String hash) {
        return find("imageHash", hash).firstResult();
    }

    public Uni<Product> findBySku(String sku) {
        return find("sku", sku).firstResult();
    }

    public Uni<List<CategoryCount>> categories() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select new dev.visualsearch.catalog.CategoryCount(p.category, count(p)) from Product p "
                        + "group by p.category order by count(p) desc, p.category", CategoryCount.class)
                .getResultList());
    }

    /** The id of this catalogue (one per database, made by the V8 migration). */
    public Uni<String> catalogueId() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select id::text from catalogue_identity order by created_at limit 1", String.class)
                .getSingleResult()));
    }

    /** LIKE wildcards typed by a user are matched literally (PostgreSQL's default escape character is '\'). */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
