package dev.visualsearch.support;

import dev.visualsearch.search.SearchLog;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;

/** For tests that read the search analytics: wait for the search log's buffer, compare fractions as doubles. */
public final class SearchLogs {

    /** Fractions compared as doubles (REST Assured reads JSON decimals as floats by default). */
    public static final RestAssuredConfig DOUBLES = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    private SearchLogs() {
    }

    /** Waits (up to 10 s) until the log's buffer is empty: earlier searches would otherwise land mid-test. */
    public static void awaitBufferEmpty(SearchLog log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (log.size() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}
