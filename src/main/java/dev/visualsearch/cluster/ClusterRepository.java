package dev.visualsearch.cluster;

import dev.visualsearch.embedding.EmbeddingStamp;
import dev.visualsearch.embedding.Vectors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Cluster runs, their clusters and product.cluster_id, in plain reactive SQL (arrays and bytea need no ORM). */
@ApplicationScoped
public class ClusterRepository {

    /** A finished clustering to store. */
    public record NewRun(String modelId, int k, long seed, String criterion, Double silhouette, EmbeddingStamp input,
                         String provenanceJson, Instant startedAt, Instant finishedAt) {
    }

    /** One cluster of a finished clustering. */
    public record NewCluster(int id, int size, String label, float[] centroid, long[] representatives) {
    }

    /** A stored run as the API lists it; {@code provenance} is the JSON document. */
    public record StoredRun(long id, String modelId, int k, long seed, String criterion, Double silhouette,
                            int inputCount, Instant inputNewest, String provenance, Instant startedAt,
                            Instant finishedAt, boolean active) {
    }

    /** A cluster of the active run with its current size and the representatives that still exist. */
    public record Summary(int id, int size, String label, List<Long> representativeProductIds) {
    }

    private final Pool pool;

    public ClusterRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the run and its clusters, makes it the model's active run and rewrites product.cluster_id, all in one
     * transaction: readers see either the previous clustering or the new one, never a mix.
     */
    public Uni<Long> saveActive(NewRun run, List<NewCluster> clusters, long[] productIds, int[] clusterIds) {
        return pool.withTransaction(connection -> connection.preparedQuery(
                        "update cluster_run set active = false where model_id = $1 and active").execute(
                        Tuple.of(run.modelId()))
                .chain(() -> connection.preparedQuery("insert into cluster_run (model_id, k, seed, criterion, "
                                + "silhouette, input_count, input_max_created_at, provenance, started_at, finished_at, "
                                + "active) values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, true) returning id")
                        .execute(Tuple.from(Arrays.asList(run.modelId(), run.k(), run.seed(), run.criterion(),
                                run.silhouette() == null ? null : run.silhouette().floatValue(),
                                (int) run.input().count(), utc(run.input().newest()),
                                new JsonObject(run.provenanceJson()), // a String would be stored as a JSON string
                                utc(run.startedAt()), utc(run.finishedAt())))))
                .map(rows -> rows.iterator().next().getLong(0))
                .call(runId -> insertClusters(connection, runId, clusters))
                .call(() -> connection.query("update product set cluster_id = null where cluster_id is not null")
                        .execute())
                .call(() -> connection.preparedQuery("update product p set cluster_id = a.cluster_id "
                                + "from unnest($1::bigint[], $2::int[]) as a(id, cluster_id) where p.id = a.id")
                        .execute(Tuple.of(boxed(productIds), boxed(clusterIds)))));
    }

    private static Uni<Void> insertClusters(SqlConnection connection, long runId, List<NewCluster> clusters) {
        List<Tuple> rows = clusters.stream().map(c -> Tuple.from(Arrays.asList(runId, c.id(), c.size(), c.label(),
                Buffer.buffer(Vectors.toBytes(c.centroid())), boxed(c.representatives())))).toList();
        return connection.preparedQuery("insert into cluster (run_id, cluster_id, size, label, centroid, "
                + "representative_ids) values ($1, $2, $3, $4, $5, $6)").executeBatch(rows).replaceWithVoid();
    }

    /** The model's active run with centroids and current members, or null when the model has none. */
    public Uni<ActiveClusters> loadActive(String modelId) {
        return pool.preparedQuery("select id from cluster_run where model_id = $1 and active")
                .execute(Tuple.of(modelId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    long runId = rows.iterator().next().getLong(0);
                    return pool.preparedQuery("select cluster_id, centroid from cluster where run_id = $1 "
                                    + "order by cluster_id").execute(Tuple.of(runId))
                            .chain(clusterRows -> {
                                List<float[]> centroids = new ArrayList<>();
                                for (Row row : clusterRows) {
                                    centroids.add(Vectors.fromBytes(row.getBuffer("centroid").getBytes()));
                                }
                                ActiveClusters active = new ActiveClusters(runId, modelId,
                                        centroids.toArray(float[][]::new));
                                return pool.query("select id, cluster_id from product where cluster_id is not null")
                                        .execute().map(members -> {
                                            for (Row row : members) {
                                                int cluster = row.getInteger(1);
                                                if (cluster < active.size()) {
                                                    active.put(row.getLong(0), cluster);
                                                }
                                            }
                                            return active;
                                        });
                            });
                });
    }

    /** The clusters of the model's active run: live sizes (products added since are counted) and labels. */
    public Uni<List<Summary>> summaries(String modelId) {
        return pool.preparedQuery("select c.cluster_id, c.label, "
                        + "(select count(*) from product p where p.cluster_id = c.cluster_id) as size, "
                        + "array(select r from unnest(c.representative_ids) with ordinality as u(r, n) "
                        + "where exists (select 1 from product p where p.id = u.r) order by u.n) as reps "
                        + "from cluster c join cluster_run r on r.id = c.run_id "
                        + "where r.model_id = $1 and r.active order by c.cluster_id")
                .execute(Tuple.of(modelId))
                .map(rows -> {
                    List<Summary> summaries = new ArrayList<>();
                    for (Row row : rows) {
                        summaries.add(new Summary(row.getInteger("cluster_id"), row.getLong("size").intValue(),
                                row.getString("label"), Arrays.asList(row.getArrayOfLongs("reps"))));
                    }
                    return summaries;
                });
    }

    public Uni<Boolean> exists(String modelId, int clusterId) {
        return pool.preparedQuery("select 1 from cluster c join cluster_run r on r.id = c.run_id "
                        + "where r.model_id = $1 and r.active and c.cluster_id = $2")
                .execute(Tuple.of(modelId, clusterId)).map(rows -> rows.iterator().hasNext());
    }

    /** Runs of a model, newest first. */
    public Uni<List<StoredRun>> runs(String modelId, int limit) {
        return pool.preparedQuery("select id, model_id, k, seed, criterion, silhouette, input_count, "
                        + "input_max_created_at, provenance::text as provenance, started_at, finished_at, active "
                        + "from cluster_run where model_id = $1 order by id desc limit $2")
                .execute(Tuple.of(modelId, limit))
                .map(rows -> {
                    List<StoredRun> runs = new ArrayList<>();
                    for (Row row : rows) {
                        Float silhouette = row.getFloat("silhouette");
                        runs.add(new StoredRun(row.getLong("id"), row.getString("model_id"), row.getInteger("k"),
                                row.getLong("seed"), row.getString("criterion"),
                                silhouette == null ? null : silhouette.doubleValue(), row.getInteger("input_count"),
                                instant(row.getOffsetDateTime("input_max_created_at")), row.getString("provenance"),
                                instant(row.getOffsetDateTime("started_at")),
                                instant(row.getOffsetDateTime("finished_at")), row.getBoolean("active")));
                    }
                    return runs;
                });
    }

    /** The input stamp of the model's active run, or null when there is none. */
    public Uni<EmbeddingStamp> activeStamp(String modelId) {
        return pool.preparedQuery("select input_count, input_max_created_at from cluster_run "
                        + "where model_id = $1 and active").execute(Tuple.of(modelId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new EmbeddingStamp(row.getInteger(0), instant(row.getOffsetDateTime(1)));
                });
    }

    public Uni<Void> assign(long productId, int clusterId) {
        return pool.preparedQuery("update product set cluster_id = $2 where id = $1")
                .execute(Tuple.of(productId, clusterId)).replaceWithVoid();
    }

    /** Titles of the given products, for labels. */
    public Uni<Map<Long, String>> titles() {
        return pool.query("select id, title from product").execute().map(rows -> {
            Map<Long, String> titles = new java.util.HashMap<>();
            for (Row row : rows) {
                titles.put(row.getLong(0), row.getString(1));
            }
            return titles;
        });
    }

    private static Long[] boxed(long[] values) {
        return Arrays.stream(values).boxed().toArray(Long[]::new);
    }

    private static Integer[] boxed(int[] values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
