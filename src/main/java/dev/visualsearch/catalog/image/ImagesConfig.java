package dev.visualsearch.catalog.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.images")
public interface ImagesConfig {

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
