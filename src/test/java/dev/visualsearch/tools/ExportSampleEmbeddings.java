package dev.visualsearch.tools;

import dev.visualsearch.support.TestDecoders;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.support.Fixtures;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the default model's embeddings of the sample catalogue to
 * {@code src/test/resources/embeddings/sample-inception-mixed6.f32} (little-endian float32, one 768-d row per line
 * of {@code data/sample/catalog.csv}, in order) and the categories beside it. Index tests measure recall on these
 * real vectors instead of uniform random ones. Regenerate after a model change:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.visualsearch.tools.ExportSampleEmbeddings}.
 */
public final class ExportSampleEmbeddings {

    public static void main(String[] args) throws Exception {
        Path sample = Path.of("data/sample");
        List<String> lines = Files.readAllLines(sample.resolve("catalog.csv"));
        ImageDecoder decoder = TestDecoders.lenient();
        DjlEngine.pytorch(0);
        Path out = Path.of("src/test/resources/embeddings");
        Files.createDirectories(out);
        List<String> categories = new ArrayList<>();
        try (InceptionEmbeddingModel model = new InceptionEmbeddingModel(
                InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball()));
             DataOutputStream vectors = new DataOutputStream(new FileOutputStream(
                     out.resolve("sample-inception-mixed6.f32").toFile()))) {
            for (String line : lines.subList(1, lines.size())) {
                String file = line.substring(0, line.indexOf(','));
                categories.add(category(line));
                float[] vector = model.embed(decoder.decode(Files.readAllBytes(sample.resolve("images").resolve(file)))
                        .rgb());
                vectors.write(Vectors.toBytes(vector));
            }
        }
        Files.write(out.resolve("sample-categories.txt"), categories);
        System.out.println("Wrote " + categories.size() + " embeddings to " + out);
    }

    /** The third CSV column, honouring quotes (the only quoted field in the sample is a category). */
    private static String category(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.get(2);
    }
}
