package dev.visualsearch.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.support.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The default model's reference inputs ({@code ../shared/fixtures/inception-v3-mixed6}) as NCHW model inputs. */
final class ExplainFixtures {

    static final int SIZE = 299;

    record Image(String name, Path png, float[] nchw, float[] embedding) {
    }

    private ExplainFixtures() {
    }

    static List<Image> images() throws IOException {
        Path dir = Fixtures.shared("inception-v3-mixed6");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        List<Image> images = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String file = entry.path("image").asText();
            images.add(new Image(file.replace(".png", ""), dir.resolve(file),
                    toNchw(Fixtures.readFloats(dir.resolve(entry.path("input").asText()))),
                    Fixtures.readFloats(dir.resolve(entry.path("embedding").asText()))));
        }
        return images;
    }

    static float[] toNchw(float[] hwc) {
        int plane = SIZE * SIZE;
        float[] nchw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                nchw[c * plane + i] = hwc[i * 3 + c];
            }
        }
        return nchw;
    }

    static double pearson(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }
}
