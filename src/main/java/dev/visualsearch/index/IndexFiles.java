package dev.visualsearch.index;

import dev.visualsearch.common.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes index files through a temporary file and an atomic rename, so a crash leaves the previous file intact. */
public final class IndexFiles {

    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private IndexFiles() {
    }

    public static void writeAtomically(Path file, Writer writer) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp),
                    1 << 16))) {
                writer.write(out);
            }
            AtomicFiles.moveIntoPlace(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write index file " + file, e);
        }
    }
}
