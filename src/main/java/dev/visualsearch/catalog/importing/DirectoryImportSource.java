package dev.visualsearch.catalog.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The sample catalogue folder: {@code catalog.csv} as the manifest and the files of {@code images/}. */
final class DirectoryImportSource implements ImportSource {

    private final Path folder;
    private final Path images;

    DirectoryImportSource(Path folder) {
        this.folder = folder;
        this.images = folder.resolve("images");
    }

    @Override
    public List<String> names() {
        try (Stream<Path> files = Files.list(images)) {
            return files.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public byte[] read(String name) throws IOException {
        Path file = images.resolve(name).normalize();
        if (!file.startsWith(images)) {
            throw new IOException("outside the sample folder");
        }
        return Files.readAllBytes(file);
    }

    @Override
    public Optional<byte[]> manifest() throws IOException {
        Path manifest = folder.resolve("catalog.csv");
        return Files.exists(manifest) ? Optional.of(Files.readAllBytes(manifest)) : Optional.empty();
    }

    @Override
    public void close() {
        // nothing held open
    }
}
