package dev.visualsearch.adapt;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.common.Digests;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of unlabelled real photographs ({@code app.adapt.photo-pool}) that the photo shift takes the photo
 * domain's mean from: any photos of any objects, taken as shoppers take them; none needs to show a product the
 * catalogue sells, and none is labelled. Its files are read in name order, so the same folder gives the same shift.
 */
final class PhotoPool {

    /** The pool's decodable photos, in name order, and why the others were skipped. */
    record Read(List<BufferedImage> photos, List<String> failures, String fingerprint) {
    }

    private final Path dir;

    PhotoPool(Path dir) {
        this.dir = dir;
    }

    /**
     * Names and sizes of the pool's files, hashed: what tells the saved shift that the pool has changed, from a
     * directory listing alone (cheap enough for every scheduled tick). Empty when the folder does not exist.
     */
    String fingerprint() {
        List<Path> files = files();
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder listing = new StringBuilder();
        for (Path file : files) {
            try {
                listing.append(file.getFileName()).append('\t').append(Files.size(file)).append('\n');
            } catch (IOException e) {
                listing.append(file.getFileName()).append("\t?\n");
            }
        }
        return HexFormat.of().formatHex(Digests.of("SHA-256", listing.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 12);
    }

    /**
     * Decodes the first {@code max} files in name order with the service's own decoder (its size and format limits);
     * a bad file is skipped and named.
     */
    Read read(ImageDecoder decoder, int max) {
        String fingerprint = fingerprint();
        List<BufferedImage> photos = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path file : files().stream().limit(max).toList()) {
            try {
                photos.add(decoder.decode(Files.readAllBytes(file)).rgb());
            } catch (IOException | RuntimeException e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        return new Read(photos, failures, fingerprint);
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the photo pool " + dir, e);
        }
    }
}
