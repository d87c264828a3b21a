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

    /**
     * Claims up to {@code limit} products that have no vector for this model and no live claim, for
     * {@code leaseSeconds}; returns their ids, oldest first. Several instances can call this at once: the product
     * rows are locked with SKIP LOCKED while claiming, and the conflict clause only takes over an expired claim, so
     * no product is handed to two instances.
     */
    public Uni<List<Long>> claimMissing(String modelId, int limit, String instanceId, double leaseSeconds) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "with candidate as (select p.id from product p "
                                + "where not exists (select 1 from embedding e where e.product_id = p.id "
                                + "and e.model_id = ?1) "
                                + "and not exists (select 1 from embedding_claim c where c.product_id = p.id "
                                + "and c.model_id = ?1 and c.lease_until > now()) "
                                + "order by p.id limit ?2 for update of p skip locked) "
                                + "insert into embedding_claim (product_id, model_id, instance_id, lease_until) "
                                + "select id, ?1, ?3, now() + make_interval(secs => ?4) from candidate "
                                + "on conflict (product_id, model_id) do update "
                                + "set instance_id = excluded.instance_id, lease_until = excluded.lease_until "
                                + "where embedding_claim.lease_until <= now() "
                                + "returning product_id", Long.class)
                .setParameter(1, modelId).setParameter(2, limit).setParameter(3, instanceId)
                .setParameter(4, leaseSeconds).getResultList()))
                .map(ids -> ids.stream().sorted().toList());
    }

    /** Extends every claim this instance holds for the model (called between batches, so long runs keep them). */
    public Uni<Integer> renewClaims(String modelId, String instanceId, double leaseSeconds) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "update embedding_claim set lease_until = now() + make_interval(secs => ?3) "
                                + "where model_id = ?1 and instance_id = ?2")
                .setParameter(1, modelId).setParameter(2, instanceId).setParameter(3, leaseSeconds)
                .executeUpdate()));
    }

    /**
     * Drops this instance's claims for the model: those embedded, or all of them ({@code onlyEmbedded} false). Also
     * drops expired claims of products that are embedded: those an instance left when it died between storing a
     * batch and releasing it.
     */
    public Uni<Integer> releaseClaims(String modelId, String instanceId, boolean onlyEmbedded) {
        String embedded = "exists (select 1 from embedding e where e.product_id = c.product_id and e.model_id = ?1)";
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from embedding_claim c where c.model_id = ?1 and ((c.instance_id = ?2"
                                + (onlyEmbedded ? " and " + embedded : "") + ") or (c.lease_until <= now() and "
                                + embedded + "))")
                .setParameter(1, modelId).setParameter(2, instanceId).executeUpdate()));
    }

    /** Products still without a vector that another instance holds a live claim on. */
    public Uni<Long> countClaimedElsewhere(String modelId, String instanceId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from embedding_claim c where c.model_id = ?1 and c.instance_id <> ?2 "
                                + "and c.lease_until > now() and not exists (select 1 from embedding e "
                                + "where e.product_id = c.product_id and e.model_id = ?1)", Long.class)
                .setParameter(1, modelId).setParameter(2, instanceId).getSingleResult()));
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

    /** One product's vector of one model, when it has one. */
    public Uni<java.util.Optional<float[]>> vector(long productId, String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select e.vector from Embedding e where e.productId = :product and e.modelId = :model",
                        byte[].class)
                .setParameter("product", productId).setParameter("model", modelId).getResultList()))
                .map(rows -> rows.stream().findFirst().map(Vectors::fromBytes));
    }

    /** The count and newest creation time of one model's vectors (see {@link EmbeddingStamp}). */
    public Uni<EmbeddingStamp> stamp(String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select count(e), max(e.createdAt) from Embedding e where e.modelId = :model", Object[].class)
                .setParameter("model", modelId).getSingleResult()))
                .map(row -> new EmbeddingStamp((Long) row[0], (java.time.Instant) row[1]));
    }
}
