package dev.visualsearch.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visualsearch.support.OpenSearchCluster;
import dev.visualsearch.support.PackagedApp;
import dev.visualsearch.support.TestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged service on one PostgreSQL database, one shared image folder and the 2-node
 * OpenSearch cluster: they split the embedding backlog (each product embedded exactly once, none lost when one is
 * killed mid-batch), search the shared OpenSearch index with the same results, see each other's new products at
 * once, explain each other's searches, keep answering when an OpenSearch data node dies, and write a product stored
 * while the whole cluster was down to it once it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Path ROOT = Path.of("target/scaleout");
    private static final Path IMAGES = ROOT.resolve("shared-images");
    private static final String DATABASE = "vps_scaleout";
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final Pattern EMBEDDED = Pattern.compile("Embedded (\\d+) product");
    private static final List<String[]> SAMPLE = sample();

    private static OpenSearchCluster cluster;
    private static PackagedApp a;
    private static PackagedApp b;
    private static int products;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        cluster = OpenSearchCluster.shared();
        TestFiles.deleteRecursively(ROOT);
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
        String hosts = String.join(",", cluster.hosts());
        String[] shared = {
            "quarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/" + DATABASE,
            "quarkus.datasource.jdbc.url=" + DB_URL, "quarkus.datasource.username=postgres",
            "app.catalog.seed=false", "app.pipeline.schedule=off", "app.images.dir=" + IMAGES.toAbsolutePath(),
            "app.embedding.claim-lease=5s",
            "app.index.backend=opensearch", "app.opensearch.hosts=" + hosts, "app.opensearch.alias=vps-scaleout",
            "app.search.query-store=database", "app.rate-limit.enabled=false", "app.index.ann-retry-every=2s"};
        a = PackagedApp.start("instance A", ROOT.resolve("a"), shared);
        b = PackagedApp.start("instance B", ROOT.resolve("b"), shared);
    }

    @AfterAll
    static void stopInstances() throws Exception {
        for (PackagedApp app : new PackagedApp[] {a, b}) {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    @Order(1)
    void twoInstancesSplitTheBacklogAndEmbedEachProductExactlyOnce() throws Exception {
        insertProducts(48);
        String runA = a.startRun("embed");
        String runB = b.startRun("embed");
        int byA = embeddedBy(a.awaitRun(runA, 300));
        int byB = embeddedBy(b.awaitRun(runB, 300));
        System.out.printf("backlog of 48 split: %d by A, %d by B%n", byA, byB);
        assertEquals(48, byA + byB, "each product embedded exactly once across both instances");
        assertTrue(byA > 0 && byB > 0, "both instances took part: A " + byA + ", B " + byB);
        assertEquals(48, count("select count(*) from embedding"));
        assertEquals(0, count("select count(*) from embedding_claim"), "every claim released");
    }

    @Test
    @Order(2)
    void aKilledInstanceLosesNoProductItsClaimsReturnAfterTheLease() throws Exception {
        insertProducts(48);
        String runA = a.startRun("embed");
        String runB = b.startRun("embed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count("select count(*) from embedding_claim where lease_until > now()") == 0
                || count("select count(*) from embedding") == 48) {
            assertTrue(System.nanoTime() < deadline, "no batch was claimed");
            Thread.sleep(100);
        }
        a.kill(); // mid-batch: A holds a claimed batch that it never finishes
        JsonNode finished;
        try {
            finished = b.awaitRun(runB, 300);
        } finally {
            a.launch(); // a new instance (new id) on A's data folder, for the tests that follow
        }
        assertEquals(96, count("select count(*) from embedding"),
                "every product embedded although A died: " + finished);
        assertEquals(0, count("select count(*) from embedding_claim"), "no claim left behind");
        assertEquals(0, count("select count(*) from product p where not exists "
                + "(select 1 from embedding e where e.product_id = p.id)"));
        assertEquals("interrupted", a.get("/api/pipeline/runs/" + runA).get("status").asText().equals("failed")
                ? "interrupted" : a.get("/api/pipeline/runs/" + runA).toString(), "the killed run is marked failed");
    }

    @Test
    @Order(3)
    void bothInstancesSearchTheSharedOpenSearchIndexAfterARebuildOnOne() throws Exception {
        a.awaitRun(a.startRun("index"), 300);
        byte[] image = Files.readAllBytes(Path.of("data/sample/images", SAMPLE.get(5)[0]));
        JsonNode fromA = a.search(image, Map.of("mode", "ann", "k", "5"));
        JsonNode fromB = b.search(image, Map.of("mode", "ann", "k", "5"));
        assertTrue(fromA.get("index").asText().startsWith("opensearch"), fromA.toString());
        assertTrue(fromB.get("index").asText().startsWith("opensearch"), fromB.toString());
        assertEquals(ids(fromA), ids(fromB), "one shared index, one answer");
        assertEquals(SAMPLE.get(5)[1], fromB.get("results").get(0).get("title").asText());
        assertTrue(b.get("/api/index/status").get("backend").asText().startsWith("opensearch"));
    }

    @Test
    @Order(4)
    void aProductCreatedOnOneInstanceIsFoundThroughTheOtherAtOnce() throws Exception {
        byte[] image = Files.readAllBytes(Path.of("data/sample/images", SAMPLE.get(200)[0]));
        HttpResponse<String> created = b.postMultipart("/api/products",
                Map.of("title", "Created on B", "category", "Scale-out"), "image", image);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode fromA = a.search(image, Map.of("mode", "ann", "k", "3"));
        assertEquals("Created on B", fromA.get("results").get(0).get("title").asText());
        JsonNode filtered = a.search(image, Map.of("mode", "ann", "k", "3", "category", "Scale-out"));
        assertEquals(1, filtered.get("results").size(), "the category filter runs in OpenSearch");
    }

    @Test
    @Order(5)
    void aSearchAnsweredByOneInstanceIsExplainedByTheOther() throws Exception {
        byte[] image = Files.readAllBytes(Path.of("data/sample/images", SAMPLE.get(7)[0]));
        JsonNode search = a.search(image, Map.of("k", "2"));
        String queryId = search.get("queryId").asText();
        long productId = search.get("results").get(0).get("productId").asLong();
        HttpResponse<byte[]> overlay = b.getBytes("/api/explain/" + queryId + "/" + productId);
        assertEquals(200, overlay.statusCode(), new String(overlay.body()));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(overlay.body()));
        assertTrue(png.getWidth() > 0);
    }

    @Test
    @Order(6)
    void searchesKeepAnsweringWhileAnOpenSearchDataNodeIsDown() throws Exception {
        byte[] image = Files.readAllBytes(Path.of("data/sample/images", SAMPLE.get(9)[0]));
        List<Long> before = ids(b.search(image, Map.of("mode", "ann", "k", "5")));
        cluster.kill(2);
        try {
            JsonNode during = b.search(image, Map.of("mode", "ann", "k", "5"));
            assertTrue(during.get("index").asText().startsWith("opensearch"), during.toString());
            assertEquals(before, ids(during));
        } finally {
            cluster.restart(2);
        }
        assertEquals(before, ids(a.search(image, Map.of("mode", "ann", "k", "5"))));
    }

    @Test
    @Order(7)
    void aProductUploadedWhileOpenSearchIsDownIsFoundThroughAnnOnceItIsBackWithoutAnIndexRun() throws Exception {
        byte[] image = Files.readAllBytes(Path.of("data/sample/images", SAMPLE.get(300)[0]));
        String title = "Uploaded while OpenSearch was down";
        cluster.kill(2);
        cluster.kill(1);
        try {
            HttpResponse<String> created = b.postMultipart("/api/products",
                    Map.of("title", title, "category", "Outage"), "image", image);
            assertEquals(201, created.statusCode(), "an upload succeeds while OpenSearch is down: " + created.body());
            JsonNode exact = b.search(image, Map.of("mode", "exact", "k", "1"));
            assertEquals(title, exact.get("results").get(0).get("title").asText(), "searchable exactly at once");
            assertTrue(b.get("/api/index/status").get("annWritesWaiting").asInt() >= 1,
                    "the refused write waits for OpenSearch");
        } finally {
            cluster.restartAll();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String top = null;
        while (System.nanoTime() < deadline) {
            JsonNode ann = a.search(image, Map.of("mode", "ann", "k", "1"));
            if (ann.get("index").asText().startsWith("opensearch") && ann.get("results").size() > 0) {
                top = ann.get("results").get(0).get("title").asText();
                if (title.equals(top)) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        assertEquals(title, top, "the other instance finds it through the shared OpenSearch index");
        assertEquals(0, b.get("/api/index/status").get("annWritesWaiting").asInt());
    }

    private static List<Long> ids(JsonNode response) {
        return java.util.stream.StreamSupport.stream(response.get("results").spliterator(), false)
                .map(result -> result.get("productId").asLong()).toList();
    }

    private static int embeddedBy(JsonNode run) {
        Matcher matcher = EMBEDDED.matcher(run.get("message").asText());
        assertTrue(matcher.find(), run.toString());
        return Integer.parseInt(matcher.group(1));
    }

    /** The next {@code n} sample products, written straight to the database and the shared image folder. */
    private static void insertProducts(int n) throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "");
             PreparedStatement insert = db.prepareStatement("insert into product (sku, title, category, price, "
                     + "image_hash, image_path, image_format, image_width, image_height) "
                     + "values (?, ?, ?, ?, ?, ?, 'WEBP', ?, ?)")) {
            for (int i = products; i < products + n; i++) {
                String[] row = SAMPLE.get(i);
                byte[] bytes = Files.readAllBytes(Path.of("data/sample/images", row[0]));
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                String relative = "images/" + sha.substring(0, 2) + "/" + sha + ".webp";
                Files.createDirectories(IMAGES.resolve(relative).getParent());
                Files.write(IMAGES.resolve(relative), bytes);
                BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
                insert.setString(1, row[3]);
                insert.setString(2, row[1]);
                insert.setString(3, row[2]);
                insert.setBigDecimal(4, new java.math.BigDecimal(row[4]));
                insert.setString(5, sha);
                insert.setString(6, relative);
                insert.setInt(7, decoded.getWidth());
                insert.setInt(8, decoded.getHeight());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        products += n;
    }

    private static long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "");
             Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String[]> sample() {
        try {
            return Files.readAllLines(Path.of("data/sample/catalog.csv")).stream().skip(1)
                    .map(line -> line.split(",")).filter(row -> row.length == 5).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
