package dev.visualsearch.explain;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.TestDecoders;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Deletion and insertion curves for every explanation method on the default model: remove the top x% of pixels by
 * heatmap relevance (grey, a blurred copy, or ROAD's noisy linear imputation), or x% random pixels, random regions of
 * Grad-CAM's size, or the same map's least relevant pixels, and watch the target cosine. A faithful heatmap makes the
 * cosine fall faster than both random orders (a smaller area under the curve). Pairs: real catalogue matches (whole
 * image and object only) and the reference fixtures. Writes docs/evaluation.md; part of the benchmark
 * suite ({@code ./mvnw -Pbench verify}), or alone (exec:java runs in Maven's JVM, so export the oneDNN cap of
 * docs/models.md yourself where it is needed):
 * {@code ONEDNN_MAX_CPU_ISA=AVX2 ./mvnw exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.visualsearch.explain.FaithfulnessCheck}
 */
public final class FaithfulnessCheck {

    private static final double[] FRACTIONS = {0, 0.05, 0.10, 0.20, 0.30, 0.50};
    private static final int SIZE = ExplainFixtures.SIZE;
    private static final String RANDOM_PIXELS = "random pixels";
    private static final String RANDOM_REGIONS = "random regions";
    /** The same map read backwards (least relevant first, ROAD's LeRF): the fairest baseline for deletion. */
    private static final String LEAST_FIRST = ", least relevant first";
    /** ROAD's noise on imputed pixels, on the model input's scale ([0, 1] for InceptionV3: 2.5 grey levels). */
    private static final double ROAD_NOISE = 0.01;

    private FaithfulnessCheck() {
    }

    public static void main(String[] args) throws Exception {
        DjlEngine.pytorch(0);
        try (InceptionEmbeddingModel model = new InceptionEmbeddingModel(
                InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball()))) {
            Map<String, Object> areas = run(model, "./mvnw exec:java -Dexec.classpathScope=test "
                    + "-Dexec.mainClass=dev.visualsearch.explain.FaithfulnessCheck");
            updateBaseline(areas);
        }
    }

    /**
     * A run on its own also refreshes the faithfulness entry of the benchmark baseline (docs/bench/results.json), so
     * the baseline never holds curves older than the ones evaluation.md shows; the entry says when and where.
     */
    @SuppressWarnings("unchecked")
    private static void updateBaseline(Map<String, Object> areas) throws java.io.IOException {
        Path baseline = Path.of("docs/bench/results.json");
        if (!Files.exists(baseline)) {
            return;
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> results = json.readValue(baseline.toFile(), LinkedHashMap.class);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("measured", MarkdownReport.stamp());
        entry.putAll(areas);
        results.put("faithfulness", entry);
        json.writeValue(baseline.toFile(), results);
    }

    /**
     * A result image (model input) explained for a query vector; {@code region}, when set, limits every edit to
     * those pixels (the object, without the shared background).
     */
    private record Pair(String name, float[] nchw, float[] query, boolean[] region) {

        Pair(String name, float[] nchw, float[] query) {
            this(name, nchw, query, null);
        }

        Pair onObject(boolean[] object) {
            return new Pair(name, nchw, query, object);
        }
    }

    /** Runs the check, writes its section of docs/evaluation.md and returns the areas under the curves. */
    public static Map<String, Object> run(FeatureMapModel model, String command) throws Exception {
        List<CamMethod> methods = List.of(new GradCam(), new SimilarityMapCam(), new ScoreCam(32),
                new OcclusionCam(8));
        List<ExplainFixtures.Image> fixtures = ExplainFixtures.images();
        List<Pair> fixturePairs = new ArrayList<>();
        for (int i = 0; i < fixtures.size(); i++) {
            ExplainFixtures.Image result = fixtures.get(i);
            ExplainFixtures.Image query = fixtures.get((i + 1) % fixtures.size());
            fixturePairs.add(new Pair(result.name() + " for " + query.name(), result.nchw(), query.embedding()));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA"); // see docs/models.md: AVX-512 kernels were wrong on one CPU
        body.append(MarkdownReport.stamp()).append(" Command: `").append(isa == null ? "" : "ONEDNN_MAX_CPU_ISA=" + isa
                        + " ").append(command).append("`.\n\n")
                .append("Default model (InceptionV3 mixed6). The pixels of the 299 x 299 input of the explained ")
                .append("image are edited in order of heatmap relevance, or in a seeded random order, and the target ")
                .append("cosine is measured at 0, 5, 10, 20, 30 and 50 % of the pixels; the tables give the area ")
                .append("under that curve (mean over pairs). **Deletion** replaces pixels with mid-grey, with a ")
                .append("blurred copy of the image (box blur, radius 8, three passes), or by ROAD's noisy linear ")
                .append("imputation (Rong et al. 2022: each removed pixel the weighted mean of its eight neighbours, ")
                .append("solved for all removed pixels at once, plus noise of sd 0.01), which leaves no edges or ")
                .append("texture of its own, so a scattered removal is filled in and only lost content counts; a ")
                .append("faithful map makes the cosine fall faster than the random orders (smaller area). ")
                .append("**Insertion** starts ")
                .append("from the blurred copy and restores pixels; a faithful map makes it rise faster (larger ")
                .append("area). ✓ marks an area better than both random orders.\n\n");
        List<Pair> matches = catalogueMatches(model, 8);
        results.put("catalogueMatches", section(model, methods, matches,
                "Search matches: 8 sample-catalogue products, each explained for the query whose top match it is",
                body));
        float[] white = model.preprocessor().toNchw(List.of(plain(0xFFFFFF)));
        float[] black = model.preprocessor().toNchw(List.of(plain(0x000000)));
        results.put("catalogueMatchesObjectOnly", section(model, methods,
                matches.stream().map(pair -> pair.onObject(object(pair.nchw(), white, black))).toList(),
                "Search matches, the object only: the same pairs, every order limited to the pixels that are not "
                        + "background (differing from white by more than 6 % of the range in some channel), so the "
                        + "shared white background stays untouched", body));
        results.put("fixturePairs", section(model, methods, fixturePairs,
                "Unrelated pairs: the " + fixturePairs.size() + " reference fixtures of "
                        + "`../shared/fixtures/inception-v3-mixed6`, each explained for its neighbour in the manifest",
                body));
        body.append("Methods: `gradcam` (closed form, equal to autograd), `simmap` (the similarity map: q . A_ij, ")
                .append("the share of the cosine each grid cell contributes), `scorecam` (32 most varied channels), ")
                .append("`occlusion` (8 x 8 grid). Random regions: a random 17 x 17 map upsampled like Grad-CAM's, so ")
                .append("it removes contiguous blobs of the same size. Grey deletion punishes every contiguous order: ")
                .append("scattered grey pixels wreck texture everywhere, which mixed6 features react to most. ")
                .append("Grad-CAM's own caveat: with an L2-normalised embedding, sum_c a_c g_c = (q.g - S e.g)/|g| ")
                .append("= 0, so its un-clipped map averages exactly zero over the grid; it marks where the image ")
                .append("looks more like the query than like itself (first order).\n\n")
                .append("**Reading.** Every method restores the similarity faster than random orders (insertion). ")
                .append("Removal depends on how pixels are removed. With grey or a blurred copy no method lowers the ")
                .append("cosine faster than random pixels: scattered grey or blurred pixels wreck texture everywhere, ")
                .append("and the edit itself becomes the signal. With ROAD's noisy linear imputation, which fills a ")
                .append("scattered hole from its neighbours and leaves no edge of its own, every method removes the ")
                .append("match faster than both random orders on real matches (whole image and object only) and 3 of 4 ")
                .append("do on the unrelated fixture pairs, and every map read most relevant first beats the same map ")
                .append("read least relevant first. The margins are small: on real matches Grad-CAM's area is 1.2 % ")
                .append("below random regions', 2.7 % below random pixels' and 2.7 % below its own least-relevant-first ")
                .append("order; the similarity of these near-duplicate catalogue images (cosines near 0.96) is spread ")
                .append("over the whole object rather than held by a few regions.")
                .append("\n");
        MarkdownReport.write(Path.of("docs/evaluation.md"), "## Grad-CAM faithfulness", body.toString());
        return results;
    }

    /**
     * Real matches: the first {@code count} x 6 sample images are embedded; every sixth one is a query, and its
     * nearest other image (cosine) is the result to explain.
     */
    private static List<Pair> catalogueMatches(FeatureMapModel model, int count) throws Exception {
        ImageDecoder decoder = TestDecoders.lenient();
        List<Path> files;
        try (var listing = Files.list(Path.of("data/sample/images"))) {
            files = listing.sorted().limit(count * 6L).toList();
        }
        List<BufferedImage> images = new ArrayList<>();
        for (Path file : files) {
            images.add(decoder.decode(Files.readAllBytes(file)).rgb());
        }
        float[][] vectors = model.embed(images);
        List<Pair> pairs = new ArrayList<>();
        for (int q = 0; q < images.size(); q += 6) {
            int best = -1;
            double bestScore = -2;
            for (int r = 0; r < images.size(); r++) {
                double score = 0;
                for (int d = 0; d < vectors[q].length; d++) {
                    score += vectors[q][d] * vectors[r][d];
                }
                if (r != q && score > bestScore) {
                    best = r;
                    bestScore = score;
                }
            }
            pairs.add(new Pair(name(files.get(best)) + " for " + name(files.get(q)),
                    model.preprocessor().toNchw(List.of(images.get(best))), vectors[q]));
        }
        return pairs;
    }

    private static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
    }

    private static Map<String, Object> section(FeatureMapModel model, List<CamMethod> methods, List<Pair> pairs,
                                               String title, StringBuilder body) {
        List<String> names = orders(methods);
        Map<Curve, Map<String, double[]>> sums = new LinkedHashMap<>();
        for (Curve test : Curve.values()) {
            Map<String, double[]> curves = new LinkedHashMap<>();
            names.forEach(name -> curves.put(name, new double[FRACTIONS.length]));
            sums.put(test, curves);
        }
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            SimilarityTarget target = new SimilarityTarget(pair.query());
            Map<String, Integer[]> orders = new LinkedHashMap<>();
            for (CamMethod method : methods) {
                Heatmap map = method.compute(model, pair.nchw(), target).normalised();
                orders.put(method.id(), byRelevance(map.upsample(SIZE, SIZE)));
            }
            for (CamMethod method : methods) {
                Integer[] reversed = orders.get(method.id()).clone();
                java.util.Collections.reverse(Arrays.asList(reversed));
                orders.put(method.id() + LEAST_FIRST, reversed);
            }
            orders.put(RANDOM_PIXELS, shuffled(new Random(1000 + i)));
            orders.put(RANDOM_REGIONS, byRelevance(randomMap(new Random(2000 + i)).upsample(SIZE, SIZE)));
            if (pair.region() != null) {
                orders.replaceAll((name, order) -> within(order, pair.region()));
            }
            float[] blurred = blurred(pair.nchw());
            LinearImputation imputation = new LinearImputation(SIZE, SIZE, ROAD_NOISE);
            List<float[]> inputs = new ArrayList<>();
            for (Curve test : Curve.values()) {
                for (Integer[] order : orders.values()) {
                    for (int f = 0; f < FRACTIONS.length; f++) {
                        boolean[] mask = top(order, FRACTIONS[f]);
                        long seed = 3000L + 100L * i + f; // the same noise for every order at one fraction
                        inputs.add(switch (test) {
                            case DELETION_GREY -> TargetScores.greyOut(pair.nchw(), model.preprocessor(), mask);
                            case DELETION_BLUR -> replace(pair.nchw(), blurred, mask);
                            case DELETION_IMPUTED -> imputation.impute(pair.nchw(), mask, seed);
                            case INSERTION_BLUR -> replace(blurred, pair.nchw(), mask);
                        });
                    }
                }
            }
            float[] scores = TargetScores.of(model, target, inputs);
            int o = 0;
            for (Curve test : Curve.values()) {
                for (String name : orders.keySet()) {
                    for (int f = 0; f < FRACTIONS.length; f++) {
                        sums.get(test).get(name)[f] += scores[o * FRACTIONS.length + f];
                    }
                    o++;
                }
            }
            System.out.printf("%s: cosine %.3f%n", pair.name(), scores[0]);
        }
        int n = pairs.size();
        Map<String, Object> results = new LinkedHashMap<>();
        Map<Curve, Map<String, Double>> areas = new LinkedHashMap<>();
        for (Curve test : Curve.values()) {
            Map<String, Double> byOrder = new LinkedHashMap<>();
            sums.get(test).forEach((name, curve) -> byOrder.put(name, Math.round(area(curve, n) * 1e4) / 1e4));
            areas.put(test, byOrder);
            results.put(test.key, byOrder);
        }
        body.append("### ").append(title).append("\n\nPairs: ")
                .append(String.join(", ", pairs.stream().map(Pair::name).toList()))
                .append(String.format(". Mean cosine of the unedited pairs: %.3f.%n%n", sums.get(Curve.DELETION_GREY)
                        .get(names.get(0))[0] / n))
                .append("| order |");
        for (Curve test : Curve.values()) {
            body.append(' ').append(test.title).append(test.lowerIsBetter ? " (lower is better)" : " (higher is better)")
                    .append(" |");
        }
        body.append("\n|---|").append("---|".repeat(Curve.values().length)).append("\n");
        int[] passed = new int[Curve.values().length];
        for (String name : names) {
            body.append("| ").append(name).append(" |");
            boolean baseline = name.equals(RANDOM_PIXELS) || name.equals(RANDOM_REGIONS) || name.endsWith(LEAST_FIRST);
            for (Curve test : Curve.values()) {
                Map<String, Double> byOrder = areas.get(test);
                double area = byOrder.get(name);
                double pixels = byOrder.get(RANDOM_PIXELS);
                double regions = byOrder.get(RANDOM_REGIONS);
                boolean better = !baseline && (test.lowerIsBetter ? area < Math.min(pixels, regions)
                        : area > Math.max(pixels, regions));
                body.append(String.format(" %.4f%s |", area, better ? " ✓" : ""));
                passed[test.ordinal()] += better ? 1 : 0;
            }
            body.append("\n");
        }
        List<String> verdicts = new ArrayList<>();
        for (Curve test : Curve.values()) {
            verdicts.add(passed[test.ordinal()] + " of " + methods.size() + " methods on "
                    + test.title.toLowerCase(java.util.Locale.ROOT));
            results.put(test.key + "MethodsBeatingRandom", passed[test.ordinal()]);
        }
        body.append("\nBeat both random orders: ").append(String.join("; ", verdicts)).append(".\n");
        List<String> morf = new ArrayList<>();
        for (Curve test : Curve.values()) {
            int wins = 0;
            for (CamMethod method : methods) {
                double most = areas.get(test).get(method.id());
                double least = areas.get(test).get(method.id() + LEAST_FIRST);
                wins += (test.lowerIsBetter ? most < least : most > least) ? 1 : 0;
            }
            morf.add(wins + " of " + methods.size() + " on " + test.title.toLowerCase(java.util.Locale.ROOT));
            results.put(test.key + "MostBeforeLeast", wins);
        }
        body.append("Most relevant first beats the same map's least relevant first: ").append(String.join("; ", morf))
                .append(".\n\n");
        return results;
    }

    /** The three curves measured for every order. */
    private enum Curve {
        DELETION_GREY("deletionGrey", "Deletion, grey", true),
        DELETION_BLUR("deletionBlur", "Deletion, blurred copy", true),
        DELETION_IMPUTED("deletionImputed", "Deletion, noisy linear imputation (ROAD)", true),
        INSERTION_BLUR("insertionBlur", "Insertion into the blurred copy", false);

        final String key;
        final String title;
        final boolean lowerIsBetter;

        Curve(String key, String title, boolean lowerIsBetter) {
            this.key = key;
            this.title = title;
            this.lowerIsBetter = lowerIsBetter;
        }
    }

    /** The input with the pixels under {@code mask} taken from {@code source}. */
    private static float[] replace(float[] nchw, float[] source, boolean[] mask) {
        int plane = mask.length;
        float[] edited = nchw.clone();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                if (mask[i]) {
                    edited[c * plane + i] = source[c * plane + i];
                }
            }
        }
        return edited;
    }

    /** Three passes of a radius-8 box blur per channel (close to a Gaussian of sigma 8), edges clamped. */
    private static float[] blurred(float[] nchw) {
        float[] out = nchw.clone();
        int plane = SIZE * SIZE;
        float[] line = new float[SIZE];
        for (int c = 0; c < 3; c++) {
            for (int pass = 0; pass < 3; pass++) {
                for (int y = 0; y < SIZE; y++) {
                    boxLine(out, c * plane + y * SIZE, 1, line);
                }
                for (int x = 0; x < SIZE; x++) {
                    boxLine(out, c * plane + x, SIZE, line);
                }
            }
        }
        return out;
    }

    private static void boxLine(float[] data, int offset, int stride, float[] line) {
        int radius = 8;
        for (int i = 0; i < SIZE; i++) {
            line[i] = data[offset + i * stride];
        }
        for (int i = 0; i < SIZE; i++) {
            double sum = 0;
            for (int d = -radius; d <= radius; d++) {
                sum += line[Math.min(SIZE - 1, Math.max(0, i + d))];
            }
            data[offset + i * stride] = (float) (sum / (2 * radius + 1));
        }
    }

    private static List<String> orders(List<CamMethod> methods) {
        List<String> names = new ArrayList<>(methods.stream().map(CamMethod::id).toList());
        names.add(RANDOM_PIXELS);
        names.add(RANDOM_REGIONS);
        methods.forEach(method -> names.add(method.id() + LEAST_FIRST));
        return names;
    }

    /** Trapezoidal area under a summed curve, divided by the number of pairs. */
    private static double area(double[] sums, int n) {
        double area = 0;
        for (int f = 1; f < sums.length; f++) {
            area += (FRACTIONS[f] - FRACTIONS[f - 1]) * (sums[f] + sums[f - 1]) / (2 * n);
        }
        return area;
    }

    /** A random grid on Grad-CAM's 17 x 17 lattice: deletes contiguous regions of the same size as Grad-CAM's. */
    private static Heatmap randomMap(Random random) {
        float[] values = new float[17 * 17];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return new Heatmap(17, 17, values);
    }

    private static Integer[] byRelevance(float[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        return order;
    }

    private static Integer[] shuffled(Random random) {
        Integer[] order = IntStream.range(0, SIZE * SIZE).boxed().toArray(Integer[]::new);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The fraction of the order's pixels that comes first (of the whole image, or of a region's pixels). */
    private static boolean[] top(Integer[] order, double fraction) {
        boolean[] mask = new boolean[SIZE * SIZE];
        for (int i = 0; i < (int) Math.round(fraction * order.length); i++) {
            mask[order[i]] = true;
        }
        return mask;
    }

    /** The order's pixels that lie in the region, in the same order. */
    private static Integer[] within(Integer[] order, boolean[] region) {
        return Arrays.stream(order).filter(i -> region[i]).toArray(Integer[]::new);
    }

    /** Pixels whose colour differs from white by more than 6 % of the white-black range in some channel. */
    private static boolean[] object(float[] nchw, float[] white, float[] black) {
        int plane = SIZE * SIZE;
        boolean[] object = new boolean[plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                float range = Math.abs(white[c * plane + i] - black[c * plane + i]);
                if (Math.abs(nchw[c * plane + i] - white[c * plane + i]) > 0.06f * range) {
                    object[i] = true;
                }
            }
        }
        return object;
    }

    private static BufferedImage plain(int rgb) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }
}
