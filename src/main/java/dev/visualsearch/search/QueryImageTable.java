package dev.visualsearch.search;

import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.embedding.Vectors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps query images in the {@code query_image} table ({@code app.search.query-store=database}), so that any of
 * several service instances on one database can explain a search another one answered.
 */
final class QueryImageTable implements QueryImageStore {

    private final int max;
    private final double ttlSeconds;

    QueryImageTable(SearchConfig config) {
        this.max = config.queryImagesMax();
        this.ttlSeconds = config.queryImagesTtl().toMillis() / 1000.0;
    }

    @Override
    public Uni<Void> keep(UUID queryId, byte[] bytes, ImageFormat format, String modelId, float[] vector) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session ->
                session.createNativeQuery("insert into query_image (id, model_id, format, image, vector) "
                                + "values (?1, ?2, ?3, ?4, ?5)")
                        .setParameter(1, queryId).setParameter(2, modelId).setParameter(3, format.extension())
                        .setParameter(4, bytes).setParameter(5, Vectors.toBytes(vector)).executeUpdate()))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<float[]>> vector(UUID queryId, String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session ->
                session.createNativeQuery("select vector from query_image where id = ?1 and model_id = ?2 "
                                + "and created_at > now() - make_interval(secs => ?3)", byte[].class)
                        .setParameter(1, queryId).setParameter(2, modelId).setParameter(3, ttlSeconds)
                        .getResultList()))
                .map(rows -> rows.stream().findFirst().map(Vectors::fromBytes));
    }

    @Override
    public Uni<Optional<byte[]>> find(UUID queryId) {
        return Panache.withSession(() -> Panache.getSession().chain(session ->
                session.createNativeQuery("select image from query_image where id = ?1 "
                                + "and created_at > now() - make_interval(secs => ?2)", byte[].class)
                        .setParameter(1, queryId).setParameter(2, ttlSeconds).getResultList()))
                .map(rows -> rows.stream().findFirst());
    }

    /** Blocks: the scheduler's worker thread, not a request. */
    @Override
    public void evict() {
        BlockingDatabase.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session ->
                session.createNativeQuery("delete from query_image where created_at <= now() - make_interval(secs => ?1) "
                                + "or id not in (select id from query_image order by created_at desc limit ?2)")
                        .setParameter(1, ttlSeconds).setParameter(2, max).executeUpdate())));
    }
}
