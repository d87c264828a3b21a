package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.visualsearch.adapt.ProductViews;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.DescriptorModel;
import dev.visualsearch.embedding.EmbeddingModel;
import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.framing.ObjectFraming;
import dev.visualsearch.embedding.pooling.RegionalMaxPooling;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.index.ClosePair;
import dev.visualsearch.index.VectorRows;
import dev.visualsearch.index.exact.SelfJoin;
import dev.visualsearch.index.whitening.PairWhitening;
import dev.visualsearch.index.whitening.Whitening;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.SampleEmbeddings;
import dev.visualsearch.support.TestDecoders;
import dev.visualsearch.support.TestImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code ./mvnw -Pbench verify -Dbench.mode=duplicates}: the numbers behind the near-duplicate threshold and the
 * report's cost. Embeds the 562 sample products with the default model (mixed5+mixed6, R-MAC, object framing) and
 * three altered copies of every 7th of them (re-encoded as JPEG, resized to 90 % as JPEG, 4 % cropped off each side),
 * then, in the raw model space, in the default whitened space (learned from the catalogue as the index build
 * learns it) and in the adapt job's head space (learned from 3 altered views of every product, its defaults), measures each catalogue product's nearest-neighbour score (distinct products: the scores a threshold
 * must stay above), the same within its category, and each copy's score to its original (what it must stay below).
 * Then times the self-join the report runs on the sample catalogue and on 100,000 synthetic vectors. Writes
 * target/bench/duplicates.json; docs/evaluation.md and docs/performance.md quote it.
 */
final class DuplicatesBench {

    private static final int EVERY = 7;
    private static final int K = 5;
    /** The adapt job's default views per product. */
    private static final int HEAD_VIEWS = 3;

    private DuplicatesBench() {
    }

    static void run(boolean timingOnly) throws Exception {
        Machine machine = Machine.current();
        System.out.println("Near-duplicates on " + machine.line());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        Path out = Path.of("target/bench");
        Files.createDirectories(out);
        Sample sample = Sample.read();
        float[][] catalogue;
        if (!timingOnly) {
            Embedded embedded = embed(sample, out);
            catalogue = embedded.catalogue();
            results.put("threshold", thresholdNumbers(sample, embedded));
        } else {
            catalogue = SampleEmbeddings.real();
        }
        results.put("timing", timing(catalogue));
        Path file = out.resolve("duplicates.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        System.out.println("Wrote " + file);
    }

    /** The sample catalogue's files, titles and categories (catalog.csv). */
    record Sample(List<String> files, List<String> titles, List<String> categories) {

        static Sample read() throws Exception {
            List<String> files = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            List<String> categories = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("data/sample/catalog.csv")).stream().skip(1).toList()) {
                String[] cells = line.split(",");
                files.add(cells[0]);
                titles.add(cells[1]);
                categories.add(cells[2]);
            }
            return new Sample(files, titles, categories);
        }
    }

    /**
     * Model vectors of the catalogue and of the copies; copyOf[c] is the catalogue row copy c was made from; views:
     * the adapt job's altered views of every product (3 each, its seed), which its head is learned from.
     */
    record Embedded(float[][] catalogue, float[][] copies, int[] copyOf, String[] copyKind, float[][] views) {
    }

    private static final Map<String, UnaryOperator<BufferedImage>> ALTERATIONS = new LinkedHashMap<>();

    static {
        ALTERATIONS.put("jpeg re-encode", image -> image);
        ALTERATIONS.put("resized to 90 % + jpeg", image -> scaled(image, 0.9));
        ALTERATIONS.put("cropped 4 % each side + png", DuplicatesBench::cropped);
    }

    private static Embedded embed(Sample sample, Path out) throws Exception {
        ImageDecoder decoder = TestDecoders.lenient();
        DjlEngine.pytorch(0);
        List<BufferedImage> originals = new ArrayList<>();
        for (String file : sample.files()) {
            originals.add(decoder.decode(Files.readAllBytes(Path.of("data/sample/images", file))).rgb());
        }
        List<BufferedImage> copies = new ArrayList<>();
        List<Integer> copyOf = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < originals.size(); i += EVERY) {
            for (var alteration : ALTERATIONS.entrySet()) {
                BufferedImage altered = alteration.getValue().apply(originals.get(i));
                String format = alteration.getKey().endsWith("png") ? "png" : "jpeg";
                // Through the bytes and the decoder, as an upload would come in.
                copies.add(decoder.decode(TestImages.encode(altered, format)).rgb());
                copyOf.add(i);
                kinds.add(alteration.getKey());
            }
        }
        long start = System.nanoTime();
        float[][] catalogueVectors;
        float[][] copyVectors;
        float[][] viewVectors;
        try (InceptionEmbeddingModel backbone = new InceptionEmbeddingModel(
                InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball(), List.of("mixed5", "mixed6")))) {
            EmbeddingModel model = new DescriptorModel(backbone, new RegionalMaxPooling(3), new ObjectFraming());
            catalogueVectors = embedAll(model, originals);
            copyVectors = embedAll(model, copies);
            List<BufferedImage> altered = new ArrayList<>();
            ProductViews views = new ProductViews(42);
            for (int from = 0; from < originals.size(); from += 32) {
                int to = Math.min(originals.size(), from + 32);
                altered.addAll(views.views(java.util.stream.LongStream.range(from, to).boxed().toList(),
                        originals.subList(from, to), HEAD_VIEWS));
            }
            viewVectors = embedAll(model, altered);
        }
        System.out.printf("Embedded %d products and %d copies in %.0f s%n", originals.size(), copies.size(),
                (System.nanoTime() - start) / 1e9);
        return new Embedded(catalogueVectors, copyVectors, copyOf.stream().mapToInt(Integer::intValue).toArray(),
                kinds.toArray(String[]::new), viewVectors);
    }

    private static float[][] embedAll(EmbeddingModel model, List<BufferedImage> images) {
        float[][] vectors = new float[images.size()][];
        for (int from = 0; from < images.size(); from += 8) {
            float[][] batch = model.embed(images.subList(from, Math.min(images.size(), from + 8)));
            System.arraycopy(batch, 0, vectors, from, batch.length);
        }
        return vectors;
    }

    private static Map<String, Object> thresholdNumbers(Sample sample, Embedded embedded) {
        Map<String, Object> spaces = new LinkedHashMap<>();
        spaces.put("raw", scores(sample, embedded.catalogue(), embedded.copies(), embedded));
        Whitening whitening = Whitening.learn(Arrays.asList(embedded.catalogue()), 768, 1.0, 42);
        spaces.put("whitened", scores(sample, apply(whitening, embedded.catalogue()),
                apply(whitening, embedded.copies()), embedded));
        List<float[]> anchors = new ArrayList<>();
        for (float[] product : embedded.catalogue()) {
            for (int v = 0; v < HEAD_VIEWS; v++) {
                anchors.add(product);
            }
        }
        Whitening head = PairWhitening.learn(Arrays.asList(embedded.catalogue()), anchors,
                Arrays.asList(embedded.views()), 768, 1.0, 42);
        spaces.put("adaptHead", scores(sample, apply(head, embedded.catalogue()), apply(head, embedded.copies()),
                embedded));
        return spaces;
    }

    private static float[][] apply(Whitening whitening, float[][] vectors) {
        return Arrays.stream(vectors).map(whitening::apply).toArray(float[][]::new);
    }

    private static Map<String, Object> scores(Sample sample, float[][] catalogue, float[][] copies, Embedded e) {
        int n = catalogue.length;
        double[] nearest = new double[n];
        double[] nearestSameCategory = new double[n];
        int[] nearestRow = new int[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = -2;
            nearestSameCategory[i] = -2;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double s = Vectors.dot(catalogue[i], catalogue[j]);
                    if (s > nearest[i]) {
                        nearest[i] = s;
                        nearestRow[i] = j;
                    }
                    if (sample.categories().get(i).equals(sample.categories().get(j))) {
                        nearestSameCategory[i] = Math.max(nearestSameCategory[i], s);
                    }
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("catalogueNearestNeighbour", distribution(nearest));
        m.put("catalogueNearestSameCategory", distribution(nearestSameCategory));
        Map<String, Object> byKind = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        int copyTopIsOriginal = 0;
        for (String kind : ALTERATIONS.keySet()) {
            List<Double> kindScores = new ArrayList<>();
            for (int c = 0; c < copies.length; c++) {
                if (e.copyKind()[c].equals(kind)) {
                    kindScores.add((double) Vectors.dot(copies[c], catalogue[e.copyOf()[c]]));
                }
            }
            all.addAll(kindScores);
            byKind.put(kind, distribution(kindScores.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        for (int c = 0; c < copies.length; c++) {
            int best = -1;
            double bestScore = -2;
            for (int j = 0; j < n; j++) {
                double s = Vectors.dot(copies[c], catalogue[j]);
                if (s > bestScore) {
                    bestScore = s;
                    best = j;
                }
            }
            copyTopIsOriginal += best == e.copyOf()[c] ? 1 : 0;
        }
        m.put("copyToOriginal", byKind);
        double[] copyScores = all.stream().mapToDouble(Double::doubleValue).toArray();
        m.put("copyToOriginalAll", distribution(copyScores));
        m.put("copiesWhoseNearestIsTheirOriginal", copyTopIsOriginal + " of " + copies.length);
        // Candidate thresholds: the share of copies kept above and of catalogue products with a neighbour above.
        List<Map<String, Object>> sweep = new ArrayList<>();
        for (double t = 0.50; t <= 0.991; t += 0.01) {
            double threshold = Math.round(t * 100) / 100.0;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threshold", threshold);
            row.put("copiesAbove", Arrays.stream(copyScores).filter(s -> s >= threshold).count() / (double) copyScores.length);
            row.put("productsWithANeighbourAbove", Arrays.stream(nearest).filter(s -> s >= threshold).count());
            sweep.add(row);
        }
        m.put("sweep", sweep);
        // The closest distinct products of the catalogue, to read by eye (real near-duplicates or just alike?).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(nearest[b], nearest[a]));
        List<String> closest = new ArrayList<>();
        for (int r = 0; r < 24; r += 2) {
            int i = order[r];
            closest.add(String.format(java.util.Locale.ROOT, "%.3f %s (%s) ~ %s (%s)", nearest[i],
                    sample.titles().get(i), sample.files().get(i), sample.titles().get(nearestRow[i]),
                    sample.files().get(nearestRow[i])));
        }
        m.put("closestCataloguePairs", closest);
        return m;
    }

    private static Map<String, Object> distribution(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("n", sorted.length);
        d.put("min", Stats.round(sorted[0], 4));
        for (double p : new double[] {1, 5, 50, 90, 95, 99}) {
            d.put("p" + (int) p, Stats.round(Stats.percentile(sorted, p), 4));
        }
        d.put("max", Stats.round(sorted[sorted.length - 1], 4));
        return d;
    }

    private static Map<String, Object> timing(float[][] catalogue) {
        Map<String, Object> timing = new LinkedHashMap<>();
        SelfJoin join = new SelfJoin();
        timing.put("kernel", join.kernel());
        timing.put("k", K);
        timing.put("sample562", time(join, rows(catalogue), 1, 20));
        float[][] synthetic = SampleEmbeddings.around(SampleEmbeddings.real(), 100_000, 0.5, 7);
        VectorRows big = rows(synthetic);
        catalogue = null;
        synthetic = null;
        timing.put("synthetic100k_1thread", time(join, big, 1, 1));
        timing.put("synthetic100k_2threads", time(join, big, 2, 1));
        return timing;
    }

    private static VectorRows rows(float[][] vectors) {
        int dim = vectors[0].length;
        float[] matrix = new float[vectors.length * dim];
        long[] ids = new long[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            System.arraycopy(vectors[i], 0, matrix, i * dim, dim);
            ids[i] = i + 1;
        }
        return new VectorRows(ids, matrix, dim);
    }

    private static Map<String, Object> time(SelfJoin join, VectorRows rows, int threads, int repeats) {
        if (repeats > 1) {
            join.nearestPairs(rows, K, threads); // warm-up; a single long run warms up within itself
        }
        double[] ms = new double[repeats];
        int pairs = 0;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            List<ClosePair> found = join.nearestPairs(rows, K, threads);
            ms[r] = (System.nanoTime() - start) / 1e6;
            pairs = found.size();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vectors", rows.size());
        m.put("dimension", rows.dimension());
        m.put("threads", threads);
        m.put("repeats", repeats);
        m.put("p50Ms", Stats.round(Stats.percentile(ms, 50), 1));
        m.put("pairs", pairs);
        System.out.println("  self-join " + m);
        return m;
    }

    private static BufferedImage scaled(BufferedImage source, double factor) {
        int w = (int) Math.round(source.getWidth() * factor);
        int h = (int) Math.round(source.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage cropped(BufferedImage source) {
        int dx = (int) Math.round(source.getWidth() * 0.04);
        int dy = (int) Math.round(source.getHeight() * 0.04);
        BufferedImage out = new BufferedImage(source.getWidth() - 2 * dx, source.getHeight() - 2 * dy,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(source, -dx, -dy, null);
        g.dispose();
        return out;
    }
}
