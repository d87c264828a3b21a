package dev.visualsearch.feedback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code search_feedback} through the reactive pool, like the search log it refers to. */
@ApplicationScoped
public class FeedbackRepository {

    private final Pool pool;

    public FeedbackRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a verdict; a second verdict on the same result replaces the first. */
    public Uni<Void> save(UUID queryId, long productId, Verdict verdict) {
        return pool.preparedQuery("insert into search_feedback (query_id, product_id, verdict) values ($1, $2, $3) "
                        + "on conflict (query_id, product_id) do update set verdict = excluded.verdict, "
                        + "created_at = now()")
                .execute(Tuple.of(queryId, productId, verdict.name())).replaceWithVoid();
    }

    /** Whether the search log holds a search with this id (searches still in the log's buffer are not there yet). */
    public Uni<Boolean> searchLogged(UUID queryId) {
        return pool.preparedQuery("select exists (select 1 from search_log where query_id = $1) as logged")
                .execute(Tuple.of(queryId)).map(rows -> rows.iterator().next().getBoolean("logged"));
    }

    /** The newest verdicts first, at most {@code limit}. */
    public Uni<List<TrainingPair>> pairs(int limit) {
        return pool.preparedQuery("select query_id, product_id, verdict from search_feedback "
                        + "order by created_at desc, query_id, product_id limit $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<TrainingPair> pairs = new ArrayList<>();
                    for (Row row : rows) {
                        pairs.add(new TrainingPair(row.getUUID("query_id"), row.getLong("product_id"),
                                Verdict.good.name().equals(row.getString("verdict"))));
                    }
                    return pairs;
                });
    }
}
