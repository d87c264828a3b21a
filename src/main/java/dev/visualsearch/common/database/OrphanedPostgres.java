package dev.visualsearch.common.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Stops an embedded PostgreSQL left running by a service that was killed (SIGKILL, OOM killer, power cut of the JVM
 * only). The server outlives its JVM, keeps {@code postmaster.pid}, and the next start would fail on it. It is only
 * an orphan when no live JVM holds the embedded server's lock file ({@code epg-lock}, locked for the server's whole
 * life) and the process named in {@code postmaster.pid} is a postgres that started before that file was written,
 * so neither a second running instance nor a reused PID is ever stopped.
 */
final class OrphanedPostgres {

    private static final Logger LOG = Logger.getLogger(OrphanedPostgres.class);
    private static final String LOCK_FILE = "epg-lock";

    private OrphanedPostgres() {
    }

    static void stopIfAny(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || ownedByALiveJvm(dataDirectory.resolve(LOCK_FILE))) {
            return;
        }
        Optional<ProcessHandle> orphan = postmaster(pidFile);
        if (orphan.isEmpty()) {
            return; // a stale file: PostgreSQL itself starts over it
        }
        ProcessHandle process = orphan.get();
        LOG.warnf("Stopping the embedded PostgreSQL (pid %d) left running in %s by a service that did not shut down",
                process.pid(), dataDirectory);
        process.destroy(); // SIGTERM: smart shutdown; its sessions died with the old JVM
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            LOG.warnf("PostgreSQL (pid %d) did not stop within 30 s; killing it (the next start recovers from WAL)",
                    process.pid());
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private static boolean ownedByALiveJvm(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
            return true;
        } catch (IOException e) {
            return true; // cannot tell: leave it alone, the start will report what is wrong
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).strip());
            Instant written = Files.getLastModifiedTime(pidFile).toInstant();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                    .filter(p -> p.info().startInstant().map(start -> !start.isAfter(written.plusSeconds(5)))
                            .orElse(false));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
