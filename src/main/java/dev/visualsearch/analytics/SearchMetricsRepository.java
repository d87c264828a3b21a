package dev.visualsearch.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Search analytics computed by PostgreSQL from {@code search_log} (aggregates and {@code percentile_cont}), so that
 * no log row travels to the service. $1 is the window in days, or null for all time.
 */
@ApplicationScoped
public class SearchMetricsRepository {

    private static final String WINDOW = " ($1::int is null or s.created_at >= now() - make_interval(days => $1::int)) ";
    private static final int TOP_CATEGORIES = 10;
    /** Precision from feedback counts verdicts on results ranked this high or higher. */
    static final int FEEDBACK_K = 10;

    private final Pool pool;

    public SearchMetricsRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<SearchMetrics> metrics(Integer days) {
        Tuple window = Tuple.from(Arrays.asList(days));
        Uni<Row> summary = pool.preparedQuery("select count(*) as total, "
                        + "coalesce(avg(case when s.result_count = 0 then 1.0 else 0.0 end), 0) as zero_rate, "
                        + "percentile_cont(0.5) within group (order by s.took_ms) as p50, "
                        + "percentile_cont(0.95) within group (order by s.took_ms) as p95, "
                        + "percentile_cont(0.99) within group (order by s.took_ms) as p99, "
                        + "avg(case s.embed_cache when 'hit' then 1.0 when 'miss' then 0.0 end) as cache_hit_rate, "
                        + "percentile_cont(0.95) within group (order by s.queue_ms) as queue_p95 "
                        + "from search_log s where" + WINDOW)
                .execute(window).map(rows -> rows.iterator().next());
        Uni<List<SearchMetrics.Day>> byDay = list("select (s.created_at at time zone 'UTC')::date as day, "
                        + "count(*) as n, percentile_cont(0.5) within group (order by s.took_ms) as p50 "
                        + "from search_log s where" + WINDOW + "group by 1 order by 1", window,
                row -> new SearchMetrics.Day(row.getLocalDate("day"), row.getLong("n"), row.getDouble("p50")));
        Uni<List<SearchMetrics.CategoryCount>> categories = list("select p.category, count(*) as n "
                        + "from search_log s join product p on p.id = s.result_ids[1] where" + WINDOW
                        + "group by p.category order by n desc, p.category limit " + TOP_CATEGORIES, window,
                row -> new SearchMetrics.CategoryCount(row.getString("category"), row.getLong("n")));
        Uni<List<SearchMetrics.ModeCount>> modes = list("select s.mode, count(*) as n from search_log s where"
                        + WINDOW + "group by s.mode order by n desc, s.mode", window,
                row -> new SearchMetrics.ModeCount(row.getString("mode"), row.getLong("n")));
        Uni<List<SearchMetrics.ClusterCount>> clusters = list("select p.cluster_id, count(*) as n "
                        + "from search_log s join product p on p.id = s.result_ids[1] "
                        + "where p.cluster_id is not null and" + WINDOW + "group by p.cluster_id order by p.cluster_id",
                window, row -> new SearchMetrics.ClusterCount(row.getInteger("cluster_id"), row.getLong("n")));
        Uni<Row> feedback = pool.preparedQuery("select count(distinct f.query_id) as judged, "
                        + "count(*) filter (where f.verdict = 'good') as good, "
                        + "count(*) filter (where f.verdict = 'bad') as bad, "
                        + "avg(case f.verdict when 'good' then 1.0 else 0.0 end) filter (where "
                        + "array_position(s.result_ids, f.product_id) <= " + FEEDBACK_K + ") as precision "
                        + "from search_feedback f join search_log s on s.query_id = f.query_id where" + WINDOW)
                .execute(window).map(rows -> rows.iterator().next());
        return Uni.combine().all().unis(summary, byDay, categories, modes, clusters, feedback).asTuple().map(all -> {
            Row row = all.getItem1();
            long total = row.getLong("total");
            SearchMetrics.Latency latency = new SearchMetrics.Latency(orZero(row.getDouble("p50")),
                    orZero(row.getDouble("p95")), orZero(row.getDouble("p99")));
            Number cacheHitRate = row.getNumeric("cache_hit_rate");
            return new SearchMetrics(total, row.getNumeric("zero_rate").doubleValue(), latency,
                    cacheHitRate == null ? 0 : cacheHitRate.doubleValue(), orZero(row.getDouble("queue_p95")),
                    all.getItem2(), all.getItem3(), all.getItem4(), all.getItem5(), feedback(all.getItem6(), total));
        });
    }

    private static SearchMetrics.Feedback feedback(Row row, long totalSearches) {
        long judged = row.getLong("judged");
        Number precision = row.getNumeric("precision");
        return new SearchMetrics.Feedback(judged, totalSearches == 0 ? 0 : (double) judged / totalSearches,
                row.getLong("good"), row.getLong("bad"), FEEDBACK_K, precision == null ? 0 : precision.doubleValue());
    }

    private <T> Uni<List<T>> list(String sql, Tuple parameters, Function<Row, T> mapper) {
        return pool.preparedQuery(sql).execute(parameters).map((RowSet<Row> rows) -> {
            List<T> list = new ArrayList<>();
            rows.forEach(row -> list.add(mapper.apply(row)));
            return list;
        });
    }

    /** An empty log has no percentiles; the API reports 0 with totalSearches 0 rather than nulls. */
    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
