package dev.visualsearch.explain;

import dev.visualsearch.common.AtomicFiles;
import dev.visualsearch.common.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Rendered explanations on disk under {@code explanations/}, one file per key, bounded in bytes. A file's
 * modification time records its last access (touched on every hit; access times are often disabled on disks),
 * so the least recently used entries are evicted first, also after a restart. Blocking; call from worker threads.
 */
@ApplicationScoped
public class ExplanationCache {

    private static final Logger LOG = Logger.getLogger(ExplanationCache.class);

    private record Entry(long bytes, long lastAccess) {
    }

    private final Path folder;
    private final long maxBytes;
    private final Map<String, Entry> entries = new HashMap<>();
    private long totalBytes;

    @Inject
    public ExplanationCache(DataDirectory data, ExplainConfig config) {
        this(data.folder("explanations"), config.cacheMaxBytes());
    }

    ExplanationCache(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        scan();
    }

    /** A key from its parts; the file name is a hash, so nothing from a request reaches the path. */
    public static String key(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public synchronized Optional<byte[]> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Path file = folder.resolve(key);
        try {
            byte[] bytes = Files.readAllBytes(file);
            long now = System.currentTimeMillis();
            Files.setLastModifiedTime(file, FileTime.fromMillis(now));
            entries.put(key, new Entry(entry.bytes(), now));
            return Optional.of(bytes);
        } catch (IOException e) {
            // Deleted behind our back: forget it and recompute.
            forget(key);
            return Optional.empty();
        }
    }

    public synchronized void put(String key, byte[] bytes) {
        Path target = folder.resolve(key);
        try {
            Path temp = Files.createTempFile(folder, ".part-", ".tmp");
            try {
                Files.write(temp, bytes);
                AtomicFiles.moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not cache an explanation", e);
        }
        forget(key);
        entries.put(key, new Entry(bytes.length, System.currentTimeMillis()));
        totalBytes += bytes.length;
        evict();
    }

    public synchronized long totalBytes() {
        return totalBytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    private void evict() {
        if (totalBytes <= maxBytes) {
            return;
        }
        var oldestFirst = entries.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().lastAccess())).map(Map.Entry::getKey).toList();
        for (String key : oldestFirst) {
            if (totalBytes <= maxBytes) {
                break;
            }
            try {
                Files.deleteIfExists(folder.resolve(key));
            } catch (IOException e) {
                LOG.warnf("Could not evict cached explanation %s: %s", key, e.getMessage());
            }
            forget(key);
        }
    }

    private void forget(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            totalBytes -= old.bytes();
        }
    }

    private void scan() {
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String name = file.getFileName().toString();
                try {
                    if (name.startsWith(".")) {
                        Files.deleteIfExists(file); // a write that a crash interrupted
                        return;
                    }
                    long bytes = Files.size(file);
                    entries.put(name, new Entry(bytes, Files.getLastModifiedTime(file).toMillis()));
                    totalBytes += bytes;
                } catch (IOException e) {
                    LOG.warnf("Skipping cached explanation %s: %s", name, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the explanation cache " + folder, e);
        }
        evict();
    }
}
