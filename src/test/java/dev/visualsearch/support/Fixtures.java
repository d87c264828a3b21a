package dev.visualsearch.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.embedding.EmbeddingConfig;
import dev.visualsearch.embedding.tfjs.NpmModelFetcher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test inputs that live outside the repository: the shared reference fixtures ({@code ../shared/fixtures}, skipped
 * with a reason where absent) and the default model's npm tarball (fetched from the npm registry like the service
 * does, so those tests never skip).
 */
public final class Fixtures {

    public static final String NSFWJS = EmbeddingConfig.Inception.PACKAGE;
    public static final String NSFWJS_INTEGRITY = EmbeddingConfig.Inception.INTEGRITY;

    /** The salient-object model's npm package (AGPL-3.0, opt-in in the service; see docs/models.md). */
    public static final String SALIENT = EmbeddingConfig.Salient.PACKAGE;
    public static final String SALIENT_INTEGRITY = EmbeddingConfig.Salient.INTEGRITY;

    private Fixtures() {
    }

    /** A folder of {@code ../shared/fixtures} (or {@code -Dfixtures.dir}); skips the test when it is absent. */
    public static Path shared(String name) {
        Path dir = Path.of(System.getProperty("fixtures.dir", "../shared/fixtures"), name);
        assumeTrue(Files.isDirectory(dir), "shared fixtures not found at " + dir.toAbsolutePath()
                + " (they come with the workplace's ../shared folder; set -Dfixtures.dir to point elsewhere)");
        return dir;
    }

    public static Path nsfwjsTarball() {
        return NpmModelFetcher.tarball(NSFWJS, Path.of("data/models"), NSFWJS_INTEGRITY);
    }

    /** The IS-Net npm tarball, fetched from the npm registry into data/models as the service does. */
    public static Path salientTarball() {
        return NpmModelFetcher.tarball(SALIENT, Path.of("data/models"), SALIENT_INTEGRITY);
    }

    public static float[] readFloats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
