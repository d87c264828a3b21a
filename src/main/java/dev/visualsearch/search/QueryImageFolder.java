package dev.visualsearch.search;

import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.common.DataDirectory;
import dev.visualsearch.embedding.Vectors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Keeps the images of recent searches under {@code queries/} in the data folder (one instance, the default), bounded
 * in count and age. Files are named by the random query id; nothing from the request reaches the path.
 */
final class QueryImageFolder implements QueryImageStore {

    private final Vertx vertx;
    private final Path folder;
    private final int max;
    private final Duration ttl;

    QueryImageFolder(Vertx vertx, DataDirectory data, SearchConfig config) {
        this.vertx = vertx;
        this.folder = data.folder("queries");
        this.max = config.queryImagesMax();
        this.ttl = config.queryImagesTtl();
    }

    @Override
    public Uni<Void> keep(UUID queryId, byte[] bytes, ImageFormat format, String modelId, float[] vector) {
        return vertx.executeBlocking(() -> {
            try {
                write(folder.resolve(queryId + ".vec"), vectorFile(modelId, vector));
                write(folder.resolve(queryId + "." + format.extension()), bytes);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not keep the query image", e);
            }
        }, false).replaceWithVoid();
    }

    @Override
    public Uni<Optional<float[]>> vector(UUID queryId, String modelId) {
        return vertx.executeBlocking(() -> vectorNow(queryId, modelId), false);
    }

    private Optional<float[]> vectorNow(UUID queryId, String modelId) {
        Path file = folder.resolve(queryId + ".vec");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (!in.readUTF().equals(modelId)) {
                return Optional.empty();
            }
            return Optional.of(Vectors.fromBytes(in.readAllBytes()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] vectorFile(String modelId, float[] vector) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(modelId);
            out.write(Vectors.toBytes(vector));
        }
        return bytes.toByteArray();
    }

    private void write(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(folder, ".q-", ".part");
        Files.write(temp, bytes);
        Files.move(temp, target);
    }

    @Override
    public Uni<Optional<byte[]>> find(UUID queryId) {
        return vertx.executeBlocking(() -> findNow(queryId), false);
    }

    private Optional<byte[]> findNow(UUID queryId) {
        for (ImageFormat format : ImageFormat.values()) {
            Path file = folder.resolve(queryId + "." + format.extension());
            try {
                if (Files.exists(file) && !expired(file)) {
                    return Optional.of(Files.readAllBytes(file));
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void evict() {
        try (Stream<Path> files = Files.list(folder)) {
            var kept = files.filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(QueryImageFolder::modified).reversed()).toList();
            for (int i = 0; i < kept.size(); i++) {
                if (i >= max || expired(kept.get(i))) {
                    Files.deleteIfExists(kept.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not evict query images", e);
        }
    }

    private boolean expired(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(ttl));
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
