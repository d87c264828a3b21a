package dev.visualsearch.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import dev.visualsearch.search.SearchLog;
import dev.visualsearch.support.SearchLogs;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Search metrics on a search log with known rows: counts, percentiles and breakdowns checked exactly. */
@QuarkusTest
class SearchMetricsTest {

    @Inject
    DataSource dataSource;

    @Inject
    SearchLog searchLog;

    @Test
    void computesCountsPercentilesAndBreakdownsFromTheLog() throws Exception {
        long a = product(9501, "MetricsA");
        long b = product(9502, "MetricsB");
        SearchLogs.awaitBufferEmpty(searchLog);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate("delete from search_log");
            connection.createStatement().executeUpdate("update product set cluster_id = 7 where id = " + a);
            connection.createStatement().executeUpdate("update product set cluster_id = 8 where id = " + b);
            // three days ago: 10..60 ms, exact mode; four hits on a, two searches without results
            for (int i = 1; i <= 6; i++) {
                insert(connection, "now()::date - 3 + interval '12 hours'", "exact", 10 * i, i <= 4 ? a : null);
            }
            // two days ago: 70..100 ms; three hits on b, one on a; three cluster searches, one ann
            insert(connection, "now()::date - 2 + interval '12 hours'", "cluster", 70, b);
            insert(connection, "now()::date - 2 + interval '12 hours'", "cluster", 80, b);
            insert(connection, "now()::date - 2 + interval '12 hours'", "cluster", 90, b);
            insert(connection, "now()::date - 2 + interval '12 hours'", "ann", 100, a);
            // outside a 30-day window
            insert(connection, "now() - interval '60 days'", "exact", 1000, b);
            // query vectors: two from the cache, three computed after 0, 10 and 20 ms in the inference queue
            connection.createStatement().executeUpdate("update search_log set embed_cache = 'hit' where took_ms in "
                    + "(10, 20)");
            connection.createStatement().executeUpdate("update search_log set embed_cache = 'miss', queue_ms = "
                    + "took_ms - 30 where took_ms in (30, 40, 50)");
        }

        given().config(SearchLogs.DOUBLES).queryParam("days", 30).get("/api/analytics/search-metrics").then()
                .statusCode(200)
                .body("totalSearches", equalTo(10))
                .body("zeroResultRate", closeTo(0.2, 1e-9))
                .body("latencyMs.p50", closeTo(55.0, 1e-6))
                .body("latencyMs.p95", closeTo(95.5, 1e-6))
                .body("latencyMs.p99", closeTo(99.1, 1e-6))
                .body("embedCacheHitRate", closeTo(0.4, 1e-9))
                .body("queueP95Ms", closeTo(19.0, 1e-6))
                .body("byDay.size()", equalTo(2))
                .body("byDay[0].day", equalTo(today.minusDays(3).toString()))
                .body("byDay[0].count", equalTo(6))
                .body("byDay[0].p50Ms", closeTo(35.0, 1e-6))
                .body("byDay[1].day", equalTo(today.minusDays(2).toString()))
                .body("byDay[1].count", equalTo(4))
                .body("byDay[1].p50Ms", closeTo(85.0, 1e-6))
                .body("topCategories[0].category", equalTo("MetricsA"))
                .body("topCategories[0].count", equalTo(5))
                .body("topCategories[1].category", equalTo("MetricsB"))
                .body("topCategories[1].count", equalTo(3))
                .body("byMode.mode", equalTo(java.util.List.of("exact", "cluster", "ann")))
                .body("byMode.count", equalTo(java.util.List.of(6, 3, 1)))
                .body("clusterDistribution.clusterId", equalTo(java.util.List.of(7, 8)))
                .body("clusterDistribution.count", equalTo(java.util.List.of(5, 3)))
                .body("feedback.searchesWithFeedback", equalTo(0))
                .body("feedback.share", closeTo(0, 1e-9))
                .body("feedback.precisionAtK", closeTo(0, 1e-9));

        given().config(SearchLogs.DOUBLES).get("/api/analytics/search-metrics").then().statusCode(200)
                .body("totalSearches", equalTo(11))
                .body("zeroResultRate", closeTo(2 / 11.0, 1e-9))
                .body("latencyMs.p50", closeTo(60.0, 1e-6))
                .body("clusterDistribution.count", equalTo(java.util.List.of(5, 4)));
        given().queryParam("days", 0).get("/api/analytics/search-metrics").then().statusCode(400);

        given().delete("/api/products/" + a).then().statusCode(204);
        given().delete("/api/products/" + b).then().statusCode(204);
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate("delete from search_log");
        }
    }

    private static long product(long seed, String category) {
        return given().multiPart("image", "p.png", TestImages.png(seed), "image/png")
                .multiPart("title", "Metrics " + seed).multiPart("category", category)
                .post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void insert(Connection connection, String at, String mode, double tookMs, Long top)
            throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("insert into search_log (query_id, "
                + "created_at, source, requested_mode, mode, index_backend, k, model_id, result_count, result_ids, "
                + "result_scores, took_ms, search_ms) values (gen_random_uuid(), " + at + ", 'image', ?, ?, "
                + "'exact', 10, 'test-model', ?, ?::bigint[], ?::real[], ?, 1)")) {
            statement.setString(1, mode);
            statement.setString(2, mode);
            statement.setInt(3, top == null ? 0 : 1);
            statement.setString(4, top == null ? "{}" : "{" + top + "}");
            statement.setString(5, top == null ? "{}" : "{0.9}");
            statement.setDouble(6, tookMs);
            statement.executeUpdate();
        }
    }
}
