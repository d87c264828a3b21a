package dev.visualsearch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** The migrations apply cleanly to a real PostgreSQL and create the tables the entities map. */
@QuarkusTest
class MigrationTest {

    @Inject
    Flyway flyway;

    @Inject
    DataSource dataSource;

    @Test
    void everyMigrationIsAppliedAndValid() {
        MigrationInfo[] pending = flyway.info().pending();
        assertEquals(0, pending.length, "no pending migrations");
        assertTrue(flyway.info().applied().length >= 1);
        flyway.validate();
    }

    @Test
    void createsTheCatalogueTablesAndConstraints() throws Exception {
        Set<String> tables = new HashSet<>();
        Set<String> constraints = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select constraint_name from information_schema.table_constraints where table_schema = 'public'")) {
                while (rs.next()) {
                    constraints.add(rs.getString(1));
                }
            }
        }
        assertTrue(tables.containsAll(Set.of("product", "pipeline_run")), tables.toString());
        assertTrue(constraints.containsAll(Set.of("product_sku_uk", "product_image_hash_uk", "pipeline_run_status_ck")),
                constraints.toString());
    }
}
