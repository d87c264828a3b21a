package dev.visualsearch.explain;

import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.support.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Latency of one uncached explanation against one embedding forward pass, and of a cache hit, on the default model
 * (in process, no HTTP). Medians of repeated runs after warm-up. Writes docs/performance.md. Part of the benchmark
 * suite ({@code ./mvnw -Pbench verify}), or alone: {@code ./mvnw exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.visualsearch.explain.ExplainBench}
 */
public final class ExplainBench {

    private static final int RUNS = 7;

    private ExplainBench() {
    }

    public static void main(String[] args) throws Exception {
        DjlEngine.pytorch(0);
        try (InceptionEmbeddingModel model = new InceptionEmbeddingModel(
                InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball()))) {
            run(model, "./mvnw exec:java -Dexec.classpathScope=test "
                    + "-Dexec.mainClass=dev.visualsearch.explain.ExplainBench");
        }
    }

    /** Measures, writes the "## Grad-CAM" section of docs/performance.md and returns the medians in ms. */
    public static Map<String, Object> run(FeatureMapModel model, String command) throws Exception {
        List<ExplainFixtures.Image> images = ExplainFixtures.images();
        Map<String, Object> results = new LinkedHashMap<>();
        BufferedImage product = ImageIO.read(images.get(0).png().toFile());
        BufferedImage query = ImageIO.read(images.get(1).png().toFile());
        Path cacheDir = Files.createTempDirectory("explain-bench");
        ExplanationCache cache = new ExplanationCache(cacheDir, 256L << 20);
        StringBuilder table = new StringBuilder("| step | median ms | runs |\n|---|---|---|\n");
        double embed = median(() -> model.embed(product));
        results.put("forwardPassMs", round(embed));
        table.append(row("embedding: one forward pass (preprocess + InceptionV3 to mixed6)", embed));
        for (CamMethod method : List.of(new GradCam(), new AutogradGradCam(), new SimilarityMapCam(),
                new ScoreCam(32), new OcclusionCam(8))) {
            double explain = median(() -> {
                float[] q = model.embed(query);
                float[] input = model.preprocessor().toNchw(List.of(product));
                Heatmap unit = method.compute(model, input, new SimilarityTarget(q)).normalised();
                return HeatmapRenderer.png(HeatmapRenderer.overlay(product, unit, 0.5f));
            });
            results.put("uncached." + method.id() + "Ms", round(explain));
            table.append(row("uncached explanation, " + method.id() + " (embed query + CAM + overlay PNG)",
                    explain));
            if (method instanceof GradCam) {
                float[] input = model.preprocessor().toNchw(List.of(product));
                float[] q = model.embed(query);
                double camOnly = median(() -> method.compute(model, input, new SimilarityTarget(q)));
                table.append(row("  of which the CAM alone, " + method.id(), camOnly));
                Heatmap unit = method.compute(model, input, new SimilarityTarget(q)).normalised();
                double render = median(() -> HeatmapRenderer.png(HeatmapRenderer.overlay(product, unit, 0.5f)));
                table.append(row("  of which overlay + PNG encoding (" + product.getWidth() + " x "
                        + product.getHeight() + ")", render));
                String key = ExplanationCache.key("bench");
                cache.put(key, HeatmapRenderer.png(HeatmapRenderer.overlay(product, unit, 0.5f)));
                double cached = median(() -> cache.get(key));
                results.put("cachedMs", round(cached));
                table.append(row("cached explanation (disk cache read of the PNG)", cached));
            }
        }
        String body = MarkdownReport.stamp() + " Command: `" + command + "`.\n\n"
                + "Default model (InceptionV3 mixed6, 299 px input), PyTorch " + "CPU via DJL, in process without "
                + "HTTP; median of " + RUNS + " runs after 2 warm-up runs. Images: fixture " + images.get(0).name()
                + " explained for " + images.get(1).name() + ". The closed-form Grad-CAM needs no backward pass; "
                + "the similarity map likewise; Score-CAM costs 34 (32 channels), occlusion 50 (8 x 8 grid).\n\n"
                + table;
        MarkdownReport.write(Path.of("docs/performance.md"), "## Grad-CAM", body);
        return results;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static String row(String name, double ms) {
        System.out.printf("%-90s %8.1f ms%n", name, ms);
        return String.format("| %s | %.1f | %d |%n", name, ms, RUNS);
    }

    private static double median(Supplier<?> work) {
        for (int i = 0; i < 2; i++) {
            work.get();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }
}
