package dev.visualsearch.analytics;

import dev.visualsearch.embedding.EmbeddingStamp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stored 2-D projections per model and method, replaced whole so that a map is never half new. */
@ApplicationScoped
public class ProjectionRepository {

    /** One point of a map with the product's category and current cluster. */
    public record Point(long productId, double x, double y, Integer clusterId, String category) {
    }

    /** A stored map. */
    public record Stored(String method, String model, Instant computedAt, List<Point> points) {
    }

    private final Pool pool;

    public ProjectionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Replaces the model's map for {@code method}; products deleted meanwhile are left out. */
    public Uni<Void> replace(String modelId, ProjectionMethod method, String parametersJson, EmbeddingStamp input,
                             long tookMs, long[] ids, double[][] points) {
        Long[] boxedIds = Arrays.stream(ids).boxed().toArray(Long[]::new);
        Float[] xs = new Float[ids.length];
        Float[] ys = new Float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            xs[i] = (float) points[i][0];
            ys[i] = (float) points[i][1];
        }
        return pool.withTransaction(connection -> connection.preparedQuery(
                        "delete from projection where model_id = $1 and method = $2")
                .execute(Tuple.of(modelId, method.name()))
                .chain(() -> connection.preparedQuery("insert into projection (model_id, method, parameters, "
                                + "input_count, input_max_created_at, computed_at, took_ms) "
                                + "values ($1, $2, $3::jsonb, $4, $5, now(), $6) returning id")
                        .execute(Tuple.from(Arrays.asList(modelId, method.name(), new JsonObject(parametersJson),
                                (int) input.count(), utc(input.newest()), tookMs))))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(id -> connection.preparedQuery("insert into projection_point (projection_id, product_id, x, y) "
                                + "select $1, a.id, a.x, a.y from unnest($2::bigint[], $3::real[], $4::real[]) "
                                + "as a(id, x, y) join product p on p.id = a.id")
                        .execute(Tuple.of(id, boxedIds, xs, ys))))
                .replaceWithVoid();
    }

    /** The model's map for {@code method}, or null when none was computed. */
    public Uni<Stored> find(String modelId, ProjectionMethod method) {
        return pool.preparedQuery("select id, computed_at from projection where model_id = $1 and method = $2")
                .execute(Tuple.of(modelId, method.name()))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    Row head = rows.iterator().next();
                    Instant computedAt = head.getOffsetDateTime("computed_at").toInstant();
                    return pool.preparedQuery("select pp.product_id, pp.x, pp.y, p.cluster_id, p.category "
                                    + "from projection_point pp join product p on p.id = pp.product_id "
                                    + "where pp.projection_id = $1 order by pp.product_id")
                            .execute(Tuple.of(head.getLong("id")))
                            .map(points -> {
                                List<Point> list = new ArrayList<>();
                                for (Row row : points) {
                                    list.add(new Point(row.getLong(0), row.getFloat(1), row.getFloat(2),
                                            row.getInteger(3), row.getString(4)));
                                }
                                return new Stored(method.name(), modelId, computedAt, list);
                            });
                });
    }

    /** The input stamp of each stored map of the model. */
    public Uni<Map<ProjectionMethod, EmbeddingStamp>> stamps(String modelId) {
        return pool.preparedQuery("select method, input_count, input_max_created_at from projection "
                        + "where model_id = $1").execute(Tuple.of(modelId))
                .map(rows -> {
                    Map<ProjectionMethod, EmbeddingStamp> stamps = new HashMap<>();
                    for (Row row : rows) {
                        OffsetDateTime newest = row.getOffsetDateTime(2);
                        stamps.put(ProjectionMethod.valueOf(row.getString(0)), new EmbeddingStamp(row.getInteger(1),
                                newest == null ? null : newest.toInstant()));
                    }
                    return stamps;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
