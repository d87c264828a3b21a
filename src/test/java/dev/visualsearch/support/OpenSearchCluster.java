package dev.visualsearch.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real 2-node OpenSearch cluster on loopback for the integration tests, from the Maven Central artifacts the build
 * copies to {@code target/opensearch} (the integ-test distribution and the k-NN plugin). Started once per test JVM
 * and shared, stopped by PID at the end. Node 1 is the cluster manager and a data node, node 2 a data node, so that
 * killing node 2 tests losing a data node while the cluster keeps a manager (two manager-eligible nodes cannot
 * survive losing either; production clusters use three).
 * <p>
 * OpenSearch needs JDK 21+ for its own process (the service stays on 17) and refuses to run as root: as root the
 * nodes run in a user namespace ({@code unshare -U}), as the embedded PostgreSQL does. Where no JDK 21+ or no
 * artifacts are found the tests that need the cluster are skipped with the reason.
 */
public final class OpenSearchCluster {

    private static final Path ROOT = Path.of(System.getProperty("opensearch.artifacts", "target/opensearch"))
            .toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static OpenSearchCluster shared;

    private final Path home;
    private final Path javaHome;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its ports, folder and process. */
    private static final class Node {
        final int number;
        final int httpPort;
        final int transportPort;
        final Path folder;
        Process process;

        Node(int number, int httpPort, int transportPort, Path folder) {
            this.number = number;
            this.httpPort = httpPort;
            this.transportPort = transportPort;
            this.folder = folder;
        }
    }

    private OpenSearchCluster(Path home, Path javaHome) {
        this.home = home;
        this.javaHome = javaHome;
    }

    /** The shared cluster, started on first use; skips the calling test when it cannot run here. */
    public static synchronized OpenSearchCluster shared() {
        if (shared == null) {
            Optional<Path> java = jdk21();
            assumeTrue(java.isPresent(), "OpenSearch tests skipped: no JDK 21+ found (set OPENSEARCH_JAVA_HOME, or "
                    + "install one under /usr/lib/jvm; .ci/run makes sure there is one)");
            assumeTrue(Files.isRegularFile(ROOT.resolve("opensearch.zip")), "OpenSearch tests skipped: "
                    + ROOT.resolve("opensearch.zip") + " missing (the build copies it before the integration tests)");
            OpenSearchCluster cluster = new OpenSearchCluster(unpack(), java.get());
            cluster.start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "opensearch-stop"));
            shared = cluster;
        }
        return shared;
    }

    /** The HTTP URLs of every node, for {@code app.opensearch.hosts}. */
    public List<String> hosts() {
        return nodes.stream().map(node -> "http://127.0.0.1:" + node.httpPort).toList();
    }

    /** Process ids of the running nodes (for memory readings). */
    public List<Long> pids() {
        return nodes.stream().filter(node -> node.process != null && node.process.isAlive())
                .map(node -> node.process.pid()).toList();
    }

    /** Kills a node with SIGKILL (a crash) and waits for the process to end. */
    public void kill(int number) throws InterruptedException {
        Node node = nodes.get(number - 1);
        node.process.destroyForcibly();
        node.process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a killed node again on its data and waits until it rejoined. */
    public void restart(int number) {
        Node node = nodes.get(number - 1);
        launch(node);
        awaitHealth("yellow", nodes.size(), 120);
    }

    /** Starts every killed node again on its data and waits until the cluster is whole (all shards assigned). */
    public void restartAll() {
        nodes.stream().filter(node -> node.process == null || !node.process.isAlive()).forEach(this::launch);
        awaitHealth("green", nodes.size(), 180);
    }

    /** Waits until the cluster reports the status (or better) with every node in. */
    public void awaitHealth(String status, int nodeCount, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hosts().get(0)
                                + "/_cluster/health?wait_for_status=" + status + "&wait_for_nodes=" + nodeCount
                                + "&timeout=5s")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200 && !last.contains("\"timed_out\":true")) {
                    return;
                }
            } catch (IOException e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("OpenSearch did not reach " + status + " with " + nodeCount + " nodes in "
                + seconds + " s: " + last + "\n" + logTails());
    }

    private void start() {
        Path clusterFolder = ROOT.resolve("cluster");
        TestFiles.deleteRecursively(clusterFolder);
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ports.add(new int[] {freePort(), freePort()});
        }
        String seeds = ports.stream().map(p -> "\"127.0.0.1:" + p[1] + "\"").reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        for (int i = 0; i < 2; i++) {
            Node node = new Node(i + 1, ports.get(i)[0], ports.get(i)[1], clusterFolder.resolve("node-" + (i + 1)));
            writeConfig(node, seeds);
            nodes.add(node);
        }
        nodes.forEach(this::launch);
        awaitHealth("green", nodes.size(), 180);
    }

    private void writeConfig(Node node, String seeds) {
        try {
            Path config = node.folder.resolve("config");
            Files.createDirectories(config);
            for (String file : List.of("jvm.options", "log4j2.properties")) {
                Files.copy(home.resolve("config").resolve(file), config.resolve(file));
            }
            Files.createDirectories(config.resolve("jvm.options.d"));
            String roles = node.number == 1 ? "[cluster_manager, data, ingest]" : "[data, ingest]";
            Files.writeString(config.resolve("opensearch.yml"), String.join("\n",
                    "cluster.name: vps-it",
                    "node.name: node-" + node.number,
                    "node.roles: " + roles,
                    "path.data: " + node.folder.resolve("data"),
                    "path.logs: " + node.folder.resolve("logs"),
                    "network.host: 127.0.0.1",
                    "http.port: " + node.httpPort,
                    "transport.port: " + node.transportPort,
                    "discovery.seed_hosts: [" + seeds + "]",
                    "cluster.initial_cluster_manager_nodes: [\"node-1\"]",
                    // Tests fill the disk of a shared machine less than the default watermarks assume.
                    "cluster.routing.allocation.disk.threshold_enabled: false",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(Node node) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // OpenSearch refuses to run as root
        }
        command.add(home.resolve("bin/opensearch").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.folder.resolve("console.log").toFile()));
        builder.environment().put("OPENSEARCH_JAVA_HOME", javaHome.toString());
        builder.environment().put("OPENSEARCH_PATH_CONF", node.folder.resolve("config").toString());
        builder.environment().put("OPENSEARCH_JAVA_OPTS", "-Xms" + heap() + " -Xmx" + heap());
        try {
            node.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start OpenSearch node " + node.number, e);
        }
    }

    /** Heap per node: 512m for tests; benchmarks at a million vectors ask for more ({@code -Dopensearch.heap}). */
    public static String heap() {
        return System.getProperty("opensearch.heap", "512m");
    }

    /** Stops every node (SIGTERM by PID, then SIGKILL after 30 s). */
    public synchronized void stop() {
        for (Node node : nodes) {
            if (node.process != null && node.process.isAlive()) {
                node.process.destroy();
            }
        }
        for (Node node : nodes) {
            try {
                if (node.process != null && !node.process.waitFor(30, TimeUnit.SECONDS)) {
                    node.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private String logTails() {
        StringBuilder out = new StringBuilder();
        for (Node node : nodes) {
            try {
                List<String> lines = Files.readAllLines(node.folder.resolve("console.log"));
                out.append("--- node ").append(node.number).append(" console (last 20 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                out.append("--- node ").append(node.number).append(": no console log\n");
            }
        }
        return out.toString();
    }

    /** The distribution unpacked once (with the k-NN plugin installed) under target/opensearch/dist. */
    private static Path unpack() {
        Path dist = ROOT.resolve("dist");
        Path home = dist.resolve("opensearch-home");
        if (Files.isDirectory(home.resolve("plugins/opensearch-knn"))) {
            return home;
        }
        TestFiles.deleteRecursively(dist);
        run(List.of("unzip", "-q", ROOT.resolve("opensearch.zip").toString(), "-d", dist.toString()), null);
        try (Stream<Path> entries = Files.list(dist)) {
            Path unpacked = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            Files.move(unpacked, home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> install = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            install.addAll(List.of("unshare", "-U"));
        }
        install.addAll(List.of(home.resolve("bin/opensearch-plugin").toString(), "install", "--batch",
                ROOT.resolve("opensearch-knn.zip").toUri().toString()));
        run(install, jdk21().orElseThrow());
        return home;
    }

    private static void run(List<String> command, Path javaHome) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (javaHome != null) {
                builder.environment().put("OPENSEARCH_JAVA_HOME", javaHome.toString());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** OPENSEARCH_JAVA_HOME, or the newest JDK 21+ under /usr/lib/jvm. */
    static Optional<Path> jdk21() {
        String configured = System.getenv("OPENSEARCH_JAVA_HOME");
        if (configured != null && featureVersion(Path.of(configured)) >= 21) {
            return Optional.of(Path.of(configured));
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(jvm -> featureVersion(jvm) >= 21)
                    .max(Comparator.comparingInt(OpenSearchCluster::featureVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureVersion(Path jvm) {
        Path release = jvm.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(jvm.resolve("bin/java"))) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(release)) {
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
