package dev.visualsearch.embedding.tfjs;

import dev.visualsearch.support.Fixtures;
import java.io.IOException;
import java.nio.file.Path;

/** The npm tarball and the reference fixtures of the default backbone, for this package's tests. */
final class TestModels {

    private TestModels() {
    }

    static Path nsfwjsTgz() {
        return Fixtures.nsfwjsTarball();
    }

    static Path mixed6Fixtures() {
        return Fixtures.shared("inception-v3-mixed6");
    }

    static float[] readFloats(Path file) throws IOException {
        return Fixtures.readFloats(file);
    }

    static double cosine(float[] a, float[] b) {
        return Fixtures.cosine(a, b);
    }
}
