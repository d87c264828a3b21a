package dev.visualsearch.embedding.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.visualsearch.support.UsesPyTorch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@UsesPyTorch
class InceptionMixed6EmbedderTest {

    private static final int PIXELS = 3 * 299 * 299;
    private static InceptionMixed6Embedder embedder;

    @BeforeAll
    static void load() {
        embedder = InceptionMixed6Embedder.load(TestModels.nsfwjsTgz());
        System.gc(); // surfaces native memory that outlived its Java buffer (weights must not)
    }

    @AfterAll
    static void close() {
        if (embedder != null) {
            embedder.close();
        }
    }

    @TestFactory
    List<DynamicTest> matchesReferenceEmbeddings() throws IOException {
        Path dir = TestModels.mixed6Fixtures();
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : manifest) {
            tests.add(DynamicTest.dynamicTest(entry.path("image").asText(), () -> {
                float[] input = TestModels.readFloats(dir.resolve(entry.path("input").asText()));
                float[] expected = TestModels.readFloats(dir.resolve(entry.path("embedding").asText()));
                double cosine = TestModels.cosine(embedder.embedHwc(input), expected);
                System.out.printf("fixture %s cosine %.9f (1 - cosine = %.1e)%n", entry.path("image").asText(), cosine, 1 - cosine);
                assertTrue(cosine >= 0.9999, entry.path("image").asText() + ": cosine " + cosine);
            }));
        }
        return tests;
    }

    @Test
    void isDeterministicAcrossCallsAndBatchSizes() {
        float[] batch = randomImages(3, 42);
        float[][] together = embedder.embed(batch, 3);
        for (int i = 0; i < 3; i++) {
            float[] single = new float[PIXELS];
            System.arraycopy(batch, i * PIXELS, single, 0, PIXELS);
            float[] first = embedder.embed(single, 1)[0];
            float[] second = embedder.embed(single, 1)[0];
            assertTrue(TestModels.cosine(first, second) >= 0.99999, "repeat call differs");
            assertTrue(TestModels.cosine(first, together[i]) >= 0.99999, "batch of 3 differs from batch of 1");
            assertEquals(1.0, TestModels.cosine(first, first), 1e-9);
        }
    }

    @Test
    void isSafeForConcurrentCallers() throws Exception {
        float[] images = randomImages(2, 11);
        float[][] expected = embedder.embed(images, 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 2; i++) {
                    float[] image = Arrays.copyOfRange(images, i * PIXELS, (i + 1) * PIXELS);
                    results.add(pool.submit(() -> embedder.embed(image, 1)[0]));
                }
            }
            for (int r = 0; r < results.size(); r++) {
                assertTrue(TestModels.cosine(expected[r % 2], results.get(r).get()) >= 0.99999);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void featureMapHasMixed6ShapeAndSupportsAutograd() {
        try (NDManager manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch")) {
            NDArray input = manager.create(randomImages(1, 7), new Shape(1, 3, 299, 299));
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray map = embedder.featureMap(manager, input);
                assertEquals(new Shape(1, 768, 17, 17), map.getShape());
                collector.backward(InceptionMixed6Embedder.embedding(map).get(0, 0));
            }
            NDArray gradient = input.getGradient();
            assertEquals(input.getShape(), gradient.getShape());
            assertTrue(gradient.abs().sum().getFloat() > 0, "no gradient reached the input");
        }
    }

    private static float[] randomImages(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * PIXELS];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }
}
