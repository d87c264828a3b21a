package dev.visualsearch.support;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.catalog.image.ImagesConfig;

/** Image decoders with chosen limits, for tests and tools that run without Quarkus. */
public final class TestDecoders {

    private TestDecoders() {
    }

    public static ImageDecoder withLimits(long maxUploadBytes, long maxPixels) {
        return new ImageDecoder(new ImagesConfig() {
            public long maxUploadBytes() {
                return maxUploadBytes;
            }

            public long maxPixels() {
                return maxPixels;
            }

            public int thumbnailSize() {
                return 256;
            }

            public java.util.Optional<String> dir() {
                return java.util.Optional.empty();
            }
        });
    }

    /** Generous limits, for decoding trusted sample and fixture files. */
    public static ImageDecoder lenient() {
        return withLimits(50_000_000, 50_000_000);
    }
}
