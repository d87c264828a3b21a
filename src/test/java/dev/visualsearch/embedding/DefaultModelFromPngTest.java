package dev.visualsearch.embedding;

import dev.visualsearch.support.TestDecoders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.visualsearch.support.UsesPyTorch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path a user's image takes (our decoding, alpha on white, PIL-compatible resize, the Java backbone)
 * against the reference embeddings computed from the same PNG files by an independent implementation.
 */
@UsesPyTorch
class DefaultModelFromPngTest {

    private static InceptionEmbeddingModel model;
    private final ImageDecoder decoder = TestDecoders.lenient();

    @BeforeAll
    static void load() {
        DjlEngine.pytorch(0);
        model = new InceptionEmbeddingModel(InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball()));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void preprocessingMatchesTheReferenceInputs() throws Exception {
        Path dir = Fixtures.shared("inception-v3-mixed6");
        for (String name : names(dir)) {
            DecodedImage image = decoder.decode(Files.readAllBytes(dir.resolve(name + ".png")));
            float[] nchw = model.preprocessor().toNchw(List.of(image.rgb()));
            float[] hwc = Fixtures.readFloats(dir.resolve(name + ".input-299x299x3-hwc.f32"));
            int plane = 299 * 299;
            double maxError = 0;
            double sumError = 0;
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    double error = Math.abs(nchw[c * plane + i] - hwc[i * 3 + c]);
                    maxError = Math.max(maxError, error);
                    sumError += error;
                }
            }
            double meanError = sumError / (3.0 * plane);
            System.out.printf("%s: preprocessing mean |error| %.5f, max %.5f (1/255 = %.5f)%n", name, meanError,
                    maxError, 1 / 255.0);
            assertTrue(meanError < 1.0 / 255, name + ": mean error " + meanError);
        }
    }

    @Test
    void embeddingsFromPngsMatchTheReference() throws Exception {
        Path dir = Fixtures.shared("inception-v3-mixed6");
        for (String name : names(dir)) {
            DecodedImage image = decoder.decode(Files.readAllBytes(dir.resolve(name + ".png")));
            float[] vector = model.embed(image.rgb());
            assertEquals(768, vector.length);
            assertEquals(1.0, Fixtures.cosine(vector, vector), 1e-6);
            double cosine = Fixtures.cosine(vector, Fixtures.readFloats(dir.resolve(name + ".embedding-768.f32")));
            System.out.printf("%s: cosine from PNG %.6f%n", name, cosine);
            assertTrue(cosine >= 0.99, name + ": cosine " + cosine);
        }
    }

    @Test
    void theStartUpSelfCheckPassesOnTheDefaultModel() {
        assertTrue(ModelSelfCheck.verify(model) >= 0.99);
    }

    private static List<String> names(Path dir) throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        JsonNode entries = manifest.isArray() ? manifest : manifest.path("images");
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode entry : entries) {
            names.add(entry.path("name").asText(entry.path("image").asText().replace(".png", "")));
        }
        assertTrue(names.size() >= 6, "manifest lists " + names);
        return names;
    }
}
