package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.visualsearch.adapt.ProductViews;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.DescriptorModel;
import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.framing.ObjectFraming;
import dev.visualsearch.embedding.pooling.Pooling;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.index.whitening.PairWhitening;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.TestDecoders;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the adapt job costs on a catalogue of 10,000 products with its defaults (3 views of at most 2,000 sampled
 * products, 768 directions, s = 1.0), on the service's own model, framing and pooling: decoding each sampled
 * product's picture, drawing its views, 6,000 forward passes in batches of 8, and learning the pair whitening from
 * the 10,000 catalogue vectors and the 6,000 pairs. The catalogue is the 562 sample pictures, product i showing
 * picture i mod 562; its 10,000 stored vectors are those pictures' real vectors with a little noise each (learning
 * costs the same whatever the values; embedding 10,000 products first would add an hour and measure the embed job).
 * Run alone: {@code ./mvnw -Pbench verify -Dbench.mode=adapt}; writes target/bench/adapt.json and a section of
 * docs/performance.md.
 */
final class AdaptBench {

    private static final int PRODUCTS = 10_000;
    private static final int SAMPLED = 2_000;
    private static final int VIEWS = 3;
    private static final int BATCH = 32;
    private static final int FORWARD_BATCH = 8;
    private static final long SEED = 42;

    private AdaptBench() {
    }

    static void run() throws Exception {
        Machine machine = Machine.current();
        System.out.println("Adapt job at " + PRODUCTS + " products on " + machine.line());
        DjlEngine.pytorch(0);
        ImageDecoder decoder = TestDecoders.lenient();
        List<Path> pictures;
        try (var files = Files.list(Path.of("data/sample/images"))) {
            pictures = files.filter(p -> p.toString().endsWith(".webp")).sorted().toList();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        try (DescriptorModel model = new DescriptorModel(new InceptionEmbeddingModel(InceptionMixed6Embedder.load(
                Fixtures.nsfwjsTarball(), List.of("mixed5", "mixed6"))), Pooling.parse("rmac"), new ObjectFraming())) {
            List<float[]> real = new ArrayList<>();
            for (int from = 0; from < pictures.size(); from += FORWARD_BATCH) {
                List<BufferedImage> batch = new ArrayList<>();
                for (Path p : pictures.subList(from, Math.min(pictures.size(), from + FORWARD_BATCH))) {
                    batch.add(decoder.decode(Files.readAllBytes(p)).rgb());
                }
                Collections.addAll(real, model.embed(batch));
            }
            Random noise = new Random(SEED);
            List<float[]> catalogue = new ArrayList<>(PRODUCTS);
            for (int i = 0; i < PRODUCTS; i++) {
                float[] v = real.get(i % real.size()).clone();
                for (int d = 0; d < v.length; d++) {
                    v[d] += (float) (noise.nextGaussian() * 0.01);
                }
                catalogue.add(Vectors.normalise(v));
            }

            // The job's own sample: a seeded shuffle of the ids, the first 2,000, in id order.
            List<Long> ids = new ArrayList<>();
            for (long id = 1; id <= PRODUCTS; id++) {
                ids.add(id);
            }
            Collections.shuffle(ids, new Random(SEED));
            List<Long> sample = ids.subList(0, SAMPLED).stream().sorted().toList();

            ProductViews views = new ProductViews(SEED);
            List<float[]> anchors = new ArrayList<>();
            List<float[]> viewed = new ArrayList<>();
            long decodeNanos = 0;
            long viewNanos = 0;
            long start = System.nanoTime();
            for (int from = 0; from < sample.size(); from += BATCH) {
                List<Long> batchIds = sample.subList(from, Math.min(sample.size(), from + BATCH));
                long t = System.nanoTime();
                List<BufferedImage> images = new ArrayList<>();
                for (long id : batchIds) {
                    images.add(decoder.decode(Files.readAllBytes(pictures.get((int) ((id - 1) % pictures.size()))))
                            .rgb());
                }
                decodeNanos += System.nanoTime() - t;
                t = System.nanoTime();
                List<BufferedImage> altered = views.views(batchIds, images, VIEWS);
                viewNanos += System.nanoTime() - t;
                for (int i = 0; i < altered.size(); i += FORWARD_BATCH) {
                    Collections.addAll(viewed, model.embed(altered.subList(i, Math.min(altered.size(),
                            i + FORWARD_BATCH))));
                }
                for (long id : batchIds) {
                    for (int v = 0; v < VIEWS; v++) {
                        anchors.add(catalogue.get((int) id - 1));
                    }
                }
                if ((from / BATCH) % 10 == 0) {
                    System.out.printf("  %d of %d products, %.0f s%n", from + batchIds.size(), SAMPLED,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            long embedNanos = System.nanoTime() - start;
            start = System.nanoTime();
            var head = PairWhitening.learn(catalogue, anchors, viewed, 768, 1.0, SEED);
            long learnNanos = System.nanoTime() - start;

            results.put("products", PRODUCTS);
            results.put("sampledProducts", SAMPLED);
            results.put("views", viewed.size());
            results.put("dimension", catalogue.get(0).length);
            results.put("head", head.id());
            results.put("decodeSeconds", Stats.round(decodeNanos / 1e9, 1));
            results.put("drawViewsSeconds", Stats.round(viewNanos / 1e9, 1));
            results.put("viewsAndForwardPassesSeconds", Stats.round(embedNanos / 1e9, 1));
            results.put("msPerView", Stats.round(embedNanos / 1e6 / viewed.size(), 1));
            results.put("learnSeconds", Stats.round(learnNanos / 1e9, 1));
            results.put("totalSeconds", Stats.round((embedNanos + learnNanos) / 1e9, 1));
        }
        Path out = Path.of("target/bench/adapt.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        BenchReport.replaceSection(Path.of("docs/performance.md"), "# Performance", "adapt",
                markdown(results, machine));
        System.out.println("Wrote " + out + ": " + results);
    }

    private static String markdown(Map<String, Object> r, Machine machine) {
        return "Generated by `./mvnw -Pbench verify -Dbench.mode=adapt` on " + machine.line() + ".\n\n"
                + "| products | sampled | views | decoding | drawing views | views + forward passes | per view | "
                + "learning the head | total (before the index rebuild) |\n|---|---|---|---|---|---|---|---|---|\n"
                + "| " + r.get("products") + " | " + r.get("sampledProducts") + " | " + r.get("views") + " | "
                + r.get("decodeSeconds") + " s | " + r.get("drawViewsSeconds") + " s | "
                + r.get("viewsAndForwardPassesSeconds") + " s | " + r.get("msPerView") + " ms | "
                + r.get("learnSeconds") + " s | " + r.get("totalSeconds") + " s |\n";
    }
}
