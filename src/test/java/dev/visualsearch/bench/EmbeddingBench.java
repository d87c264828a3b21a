package dev.visualsearch.bench;

import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.embedding.EmbeddingModel;
import dev.visualsearch.support.TestFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Embedding throughput of a model at batch 1 and batch 8 on real sample images, after warm-up. */
final class EmbeddingBench {

    private EmbeddingBench() {
    }

    static Map<String, Object> run(String name, EmbeddingModel model, List<BufferedImage> images, boolean quick) {
        int singles = quick ? 8 : 30;
        int batches = quick ? 2 : 5;
        model.embed(images.subList(0, 2));
        double[] single = new double[singles];
        for (int i = 0; i < singles; i++) {
            long t = System.nanoTime();
            model.embed(images.get(i % images.size()));
            single[i] = (System.nanoTime() - t) / 1e6;
        }
        double[] batch = new double[batches];
        for (int b = 0; b < batches; b++) {
            List<BufferedImage> eight = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                eight.add(images.get((b * 8 + i) % images.size()));
            }
            long t = System.nanoTime();
            model.embed(eight);
            batch[b] = (System.nanoTime() - t) / 1e6 / 8;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", name);
        row.put("id", model.id());
        row.put("batch1MsPerImage", Stats.round(Stats.percentile(single, 50), 1));
        row.put("batch1P95Ms", Stats.round(Stats.percentile(single, 95), 1));
        row.put("batch8MsPerImage", Stats.round(Stats.percentile(batch, 50), 1));
        row.put("imagesPerSecondBatch8", Stats.round(1000 / Stats.percentile(batch, 50), 1));
        row.put("heapUsedMb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        row.put("rssMb", TestFiles.rssMb(ProcessHandle.current().pid()));
        System.out.println("  " + row);
        return row;
    }

    static List<BufferedImage> sampleImages(int count, java.util.function.Function<byte[], DecodedImage> decode)
            throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        try (var files = Files.list(Path.of("data/sample/images"))) {
            for (Path file : files.sorted().limit(count).toList()) {
                images.add(decode.apply(Files.readAllBytes(file)).rgb());
            }
        }
        return images;
    }
}
