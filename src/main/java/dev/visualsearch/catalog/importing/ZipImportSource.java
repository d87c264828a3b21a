package dev.visualsearch.catalog.importing;

import dev.visualsearch.common.error.ApiProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a zip without trusting it: the entry count is capped, and every entry is inflated through a counter that
 * stops at the per-file limit and at the archive's total budget, whatever sizes the headers claim (zip bombs).
 * Entries are only ever read into memory, never extracted by name, so paths such as {@code ../x} cannot escape.
 */
final class ZipImportSource implements ImportSource {

    static final String MANIFEST = "manifest.csv";

    private final ZipFile zip;
    private final Map<String, ZipEntry> files = new LinkedHashMap<>();
    private final long maxEntryBytes;
    private long budget;

    ZipImportSource(Path archive, int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        this.maxEntryBytes = maxEntryBytes;
        this.budget = maxTotalBytes;
        try {
            this.zip = new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw ApiProblem.unprocessable("The archive is not a readable zip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw ApiProblem.unprocessable("The archive could not be opened: " + e.getMessage());
        }
        try {
            if (zip.size() > maxEntries) {
                throw ApiProblem.unprocessable("The archive has " + zip.size() + " entries; the limit is " + maxEntries);
            }
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (ZipEntry entry : entries) {
                if (!entry.isDirectory() && !isNoise(entry.getName())) {
                    files.putIfAbsent(entry.getName(), entry);
                }
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e instanceof ApiProblem ? e : ApiProblem.unprocessable("The archive is malformed: " + e.getMessage());
        }
    }

    @Override
    public List<String> names() {
        return files.keySet().stream().filter(name -> !baseName(name).equalsIgnoreCase(MANIFEST)).toList();
    }

    @Override
    public byte[] read(String name) throws IOException {
        ZipEntry entry = files.get(name);
        if (entry == null) {
            throw new IOException("not in the archive");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return readBounded(in);
        }
    }

    @Override
    public Optional<byte[]> manifest() throws IOException {
        for (String name : files.keySet()) {
            if (name.equalsIgnoreCase(MANIFEST)) {
                return Optional.of(read(name));
            }
        }
        return Optional.empty();
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > maxEntryBytes) {
                throw new EntryTooLargeException("larger than the " + maxEntryBytes + "-byte limit for one file");
            }
            budget -= n;
            if (budget < 0) {
                throw new ArchiveBudgetExceededException();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** Folders and metadata that archivers add (macOS resource forks, hidden files) are not products. */
    private static boolean isNoise(String name) {
        return name.startsWith("__MACOSX/") || baseName(name).startsWith(".");
    }

    private void closeQuietly() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // already failing; the original problem is what the user needs to see
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** One entry inflates beyond the per-file limit; that file fails, the rest go on. */
    static final class EntryTooLargeException extends IOException {
        EntryTooLargeException(String message) {
            super(message);
        }
    }

    /** The archive as a whole inflates beyond its budget: the import stops (a zip bomb). */
    static final class ArchiveBudgetExceededException extends RuntimeException {
        ArchiveBudgetExceededException() {
            super("The archive inflates to more than the allowed total size; the import was stopped");
        }
    }
}
