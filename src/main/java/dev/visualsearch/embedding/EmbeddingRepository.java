package dev.visualsearch.embedding;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Vectors per product and model. Upserts are plain SQL so that re-embedding replaces a row in one statement. */
@ApplicationScoped
public class EmbeddingRepository {

    /** A stored vector with the product fields the index needs for filtering. */
    public record StoredVector(long productId, String category, float[] vector) {
    }

    public Uni<Void> upsert(long productId, String modelId, float[] vector) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into embedding (product_id, model_id, dim, vector) values (?1, ?2, ?3, ?4) "
                                + "on conflict (product_id, model_id) do update "
                                + "set dim = excluded.dim, vector = excluded.vector, created_at = now()")
                .setParameter(1, productId).setParameter(2, modelId).setParameter(3, vector.length)
                .setParameter(4, Vectors.toBytes(vector))
                .executeUpdate())).replaceWithVoid();
    }

    /** Products that have no vector for this model yet, oldest first. */
    public Uni<List<Long>> missing(String modelId, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select p.id from Product p where not exists (select 1 from Embedding e "
                                + "where e.productId = p.id and e.modelId = :model) order by p.id", Long.class)
                .setParameter("model", modelId).setMaxResults(limit).getResultList()));
    }

    public Uni<Long> countMissing(String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select count(p) from Product p where not exists (select 1 from Embedding e "
                                + "where e.productId = p.id and e.modelId = :model)", Long.class)
                .setParameter("model", modelId).getSingleResult()));
    }

    /** Every vector of one model with its product's category, in product id order (for index builds). */
    public Uni<List<StoredVector>> all(String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select e.productId, p.category, e.vector from Embedding e, Product p "
                                + "where p.id = e.productId and e.modelId = :model order by e.productId", Object[].class)
                .setParameter("model", modelId).getResultList()))
                .map(rows -> rows.stream().map(row -> new StoredVector((Long) row[0], (String) row[1],
                        Vectors.fromBytes((byte[]) row[2]))).toList());
    }

    /** The count and newest creation time of one model's vectors (see {@link EmbeddingStamp}). */
    public Uni<EmbeddingStamp> stamp(String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select count(e), max(e.createdAt) from Embedding e where e.modelId = :model", Object[].class)
                .setParameter("model", modelId).getSingleResult()))
                .map(row -> new EmbeddingStamp((Long) row[0], (java.time.Instant) row[1]));
    }
}
