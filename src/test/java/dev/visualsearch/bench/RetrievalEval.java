package dev.visualsearch.bench;

import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.embedding.EmbeddingModel;
import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.support.SampleEmbeddings;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Retrieval quality of the default model on two labelled sets, with and without centring on the gallery mean, beside
 * a raw-pixel baseline: cross-vendor emoji (each Google drawing queries the Fluent 3D renders of the sample
 * catalogue; the relevant item is the same emoji) and Fashion-MNIST (500 test images query 500 training images;
 * relevant = same class).
 */
final class RetrievalEval {

    /** A labelled query or gallery item: its vector and its label. */
    record Item(float[] vector, String label) {
    }

    private RetrievalEval() {
    }

    static Map<String, Object> crossVendorEmoji(EmbeddingModel model, Path googleImages,
                                                Function<byte[], DecodedImage> decode) throws IOException {
        float[][] gallery = SampleEmbeddings.real();
        List<String> files = Files.readAllLines(Path.of("data/sample/catalog.csv")).stream().skip(1)
                .map(line -> line.substring(0, line.indexOf(',')).replace(".webp", "")).toList();
        List<Item> galleryItems = new ArrayList<>();
        List<Item> galleryPixels = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            galleryItems.add(new Item(gallery[i], files.get(i)));
            galleryPixels.add(new Item(pixels(decode.apply(Files.readAllBytes(Path.of("data/sample/images",
                    files.get(i) + ".webp"))).rgb()), files.get(i)));
        }
        List<Item> queries = new ArrayList<>();
        List<Item> queryPixels = new ArrayList<>();
        for (String code : files) {
            Path png = googleImages.resolve(code + ".png");
            if (!Files.exists(png)) {
                png = googleImages.resolve(code.replace("-fe0f", "") + ".png");
            }
            if (Files.exists(png)) {
                BufferedImage image = decode.apply(Files.readAllBytes(png)).rgb();
                queries.add(new Item(model.embed(image), code));
                queryPixels.add(new Item(pixels(image), code));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("queries", queries.size());
        result.put("gallery", galleryItems.size());
        result.put("model", metrics(queries, galleryItems, false));
        result.put("modelCentred", metrics(queries, galleryItems, true));
        result.put("pixels32", metrics(queryPixels, galleryPixels, false));
        System.out.println("  cross-vendor emoji: " + result);
        return result;
    }

    static Map<String, Object> fashionMnist(EmbeddingModel model, Path folder, int perSide) throws IOException {
        List<BufferedImage> trainImages = idxImages(folder.resolve("train-images-idx3-ubyte.gz"), perSide);
        List<Integer> trainLabels = idxLabels(folder.resolve("train-labels-idx1-ubyte.gz"), perSide);
        List<BufferedImage> testImages = idxImages(folder.resolve("t10k-images-idx3-ubyte.gz"), perSide);
        List<Integer> testLabels = idxLabels(folder.resolve("t10k-labels-idx1-ubyte.gz"), perSide);
        List<Item> gallery = embedAll(model, trainImages, trainLabels);
        List<Item> queries = embedAll(model, testImages, testLabels);
        List<Item> galleryPixels = new ArrayList<>();
        List<Item> queryPixels = new ArrayList<>();
        for (int i = 0; i < perSide; i++) {
            galleryPixels.add(new Item(pixels(trainImages.get(i)), String.valueOf(trainLabels.get(i))));
            queryPixels.add(new Item(pixels(testImages.get(i)), String.valueOf(testLabels.get(i))));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("queries", queries.size());
        result.put("gallery", gallery.size());
        result.put("model", metrics(queries, gallery, false));
        result.put("modelCentred", metrics(queries, gallery, true));
        result.put("pixels32", metrics(queryPixels, galleryPixels, false));
        System.out.println("  fashion-mnist: " + result);
        return result;
    }

    /** Recall@1/5/10 (a relevant item in the top k), mAP@10, over cosine similarity. */
    static Map<String, Object> metrics(List<Item> queries, List<Item> gallery, boolean centre) {
        float[] mean = new float[gallery.get(0).vector().length];
        if (centre) {
            for (Item g : gallery) {
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += g.vector()[d] / gallery.size();
                }
            }
        }
        List<float[]> g = gallery.stream().map(item -> centred(item.vector(), mean)).toList();
        double r1 = 0;
        double r5 = 0;
        double r10 = 0;
        double map = 0;
        for (Item query : queries) {
            float[] q = centred(query.vector(), mean);
            Integer[] order = new Integer[g.size()];
            double[] scores = new double[g.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                scores[i] = Vectors.dot(q, g.get(i));
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            long relevantTotal = gallery.stream().filter(item -> item.label().equals(query.label())).count();
            int hits = 0;
            double precisionSum = 0;
            int firstHit = Integer.MAX_VALUE;
            for (int rank = 0; rank < 10; rank++) {
                if (gallery.get(order[rank]).label().equals(query.label())) {
                    hits++;
                    precisionSum += (double) hits / (rank + 1);
                    firstHit = Math.min(firstHit, rank);
                }
            }
            r1 += firstHit < 1 ? 1 : 0;
            r5 += firstHit < 5 ? 1 : 0;
            r10 += firstHit < 10 ? 1 : 0;
            map += relevantTotal == 0 ? 0 : precisionSum / Math.min(10, relevantTotal);
        }
        int n = queries.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recallAt1", Stats.round(r1 / n, 3));
        m.put("recallAt5", Stats.round(r5 / n, 3));
        m.put("recallAt10", Stats.round(r10 / n, 3));
        m.put("mapAt10", Stats.round(map / n, 3));
        return m;
    }

    private static float[] centred(float[] vector, float[] mean) {
        float[] out = new float[vector.length];
        for (int d = 0; d < out.length; d++) {
            out[d] = vector[d] - mean[d];
        }
        return Vectors.normalise(out);
    }

    /** The raw-pixel baseline: 32 x 32 RGB, L2-normalised. */
    static float[] pixels(BufferedImage image) {
        BufferedImage small = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        var g = small.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, 32, 32, null);
        g.dispose();
        float[] v = new float[32 * 32 * 3];
        for (int i = 0; i < 32 * 32; i++) {
            int p = small.getRGB(i % 32, i / 32);
            v[i * 3] = (p >> 16) & 0xFF;
            v[i * 3 + 1] = (p >> 8) & 0xFF;
            v[i * 3 + 2] = p & 0xFF;
        }
        return Vectors.normalise(v);
    }

    private static List<Item> embedAll(EmbeddingModel model, List<BufferedImage> images, List<Integer> labels) {
        List<Item> items = new ArrayList<>();
        for (int start = 0; start < images.size(); start += 8) {
            List<BufferedImage> batch = images.subList(start, Math.min(images.size(), start + 8));
            float[][] vectors = model.embed(batch);
            for (int i = 0; i < vectors.length; i++) {
                items.add(new Item(vectors[i], String.valueOf(labels.get(start + i))));
            }
        }
        return items;
    }

    private static List<BufferedImage> idxImages(Path file, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            List<BufferedImage> images = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < cols; x++) {
                        int v = in.readUnsignedByte();
                        image.setRGB(x, y, (v << 16) | (v << 8) | v);
                    }
                }
                images.add(image);
            }
            return images;
        }
    }

    private static List<Integer> idxLabels(Path file, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            in.readInt();
            List<Integer> labels = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                labels.add(in.readUnsignedByte());
            }
            return labels;
        }
    }
}
