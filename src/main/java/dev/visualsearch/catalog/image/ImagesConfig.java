package dev.visualsearch.catalog.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "app.images")
public interface ImagesConfig {

    /**
     * Folder for product images and thumbnails; by default {@code images/} and {@code thumbnails/} inside
     * {@code app.data-dir}. Several service instances share one catalogue by pointing this at one shared volume
     * (files are content-addressed and written atomically, so concurrent writers cannot clash).
     */
    Optional<String> dir();

    /** Largest accepted image upload in bytes; larger uploads get 413. */
    @WithDefault("20971520")
    long maxUploadBytes();

    /** Largest accepted width x height, checked from the header before decoding (decompression bombs); 422 above. */
    @WithDefault("40000000")
    long maxPixels();

    /** Longest side of generated thumbnails, in pixels. */
    @WithDefault("256")
    int thumbnailSize();
}
