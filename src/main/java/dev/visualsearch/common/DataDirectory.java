package dev.visualsearch.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one folder the service writes to ({@code app.data-dir}); every stored file is resolved inside it. */
@ApplicationScoped
public class DataDirectory {

    private final Path path;

    public DataDirectory(@ConfigProperty(name = "app.data-dir", defaultValue = "data") String dataDir) {
        this.path = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** A folder under the data folder, created when missing. */
    public Path folder(String name) {
        Path folder = path.resolve(name).normalize();
        if (!folder.startsWith(path)) {
            throw new IllegalArgumentException("Folder escapes the data folder: " + name);
        }
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }
}
