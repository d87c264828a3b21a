package dev.visualsearch.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.visualsearch.adapt.PhotoShift;
import dev.visualsearch.adapt.ProductViews;
import dev.visualsearch.bench.RankingMetrics.Query;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.ImagePreprocessor;
import dev.visualsearch.embedding.ModelSelfCheck;
import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.framing.ForegroundMask;
import dev.visualsearch.embedding.framing.Framing;
import dev.visualsearch.embedding.framing.SalientFraming;
import dev.visualsearch.embedding.onnx.IsNetMask;
import dev.visualsearch.embedding.pooling.Pooling;
import dev.visualsearch.embedding.tfjs.TfjsArchive;
import dev.visualsearch.embedding.tfjs.TfjsGraph;
import dev.visualsearch.index.whitening.PairWhitening;
import dev.visualsearch.index.whitening.Whitening;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.TestDecoders;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Retrieval quality of the default backbone under every descriptor technique, one ablation row each, on four
 * labelled sets: cross-vendor emoji (Google drawings query the catalogue's 3-D renders), Fashion-MNIST (test
 * images query training images, same class), real photographs of things the catalogue sells, and the background
 * stress set (catalogue cut-outs re-composited on other backgrounds, queried against the clean catalogue).
 * Vectors are cached under {@code target/bench/quality-cache}, so a second run only re-ranks.
 * Run: {@code ./mvnw -Pbench verify -Dbench.mode=quality}.
 */
public final class QualityEval {

    private static final List<String> LAYERS = List.of("mixed4", "mixed5", "mixed6");
    private static final Path CACHE = Path.of("target/bench/quality-cache");
    private static final long SEED = 42;
    private static final String PIXELS = "raw pixels 32x32";
    /** The service's default: what app.embedding.* and app.index.whitening.* are set to. */
    static final String DEFAULT = "mixed5|6-rmac +object framing +whitening s=1.0";
    private static final String FEEDBACK = DEFAULT + " +one good result";
    /** Rows of the photo shift in front of the photo-like head; the strength follows. */
    private static final String HEAD_PHOTO = "mixed5|6-rmac +salient framing +adapt-photo s=1.0";
    private static final String PHOTO_SHIFTED = HEAD_PHOTO + " +photo shift a=";
    /** The rows of the ablation table, in order: label, result key. */
    private static final String[][] ABLATION = {
        {"raw pixels 32 x 32 (baseline)", PIXELS},
        {"mixed6, average (the model before this change)", "mixed6-avg"},
        {"mixed6, GeM p=3", "mixed6-gem3"},
        {"mixed6, R-MAC (3 levels)", "mixed6-rmac"},
        {"mixed5 alone, GeM (the untouched ImageNet layers)", "mixed5-gem3"},
        {"mixed5 + mixed6, GeM each, normalised each", "mixed5+6-gem3 (each normalised)"},
        {"mixed5 + mixed6 channels side by side, GeM", "mixed5|6-gem3"},
        {"mixed5 + mixed6 channels, R-MAC", "mixed5|6-rmac"},
        {"mixed5 + mixed6 channels, R-MAC, + object framing", "mixed5|6-rmac +object framing"},
        {"mixed5 + mixed6 channels, R-MAC, + whitening s=1.0 (no framing)", "mixed5|6-rmac +whitening s=1.0"},
        {"mixed6 average + object framing + whitening s=1.0", "mixed6-avg +object framing +whitening s=1.0"},
        {"mixed6, GeM, + object framing + whitening s=1.0", "mixed6-gem3 +object framing +whitening s=1.0"},
        {"mixed6, R-MAC, + object framing + whitening s=1.0", "mixed6-rmac +object framing +whitening s=1.0"},
        {"mixed5 + mixed6 channels, GeM, + object framing + whitening s=1.0",
            "mixed5|6-gem3 +object framing +whitening s=1.0"},
        {"default descriptor + framing + whitening s=0.2", "mixed5|6-rmac +object framing +whitening s=0.2"},
        {"**default: mixed5 + mixed6 channels, R-MAC, object framing, whitening s=1.0**", DEFAULT},
        {"default descriptor + framing + whitening s=3.0", "mixed5|6-rmac +object framing +whitening s=3.0"},
        {"default + alpha query expansion (n=3, alpha=3)", DEFAULT + " +alpha-QE"},
        {"default + database-side augmentation (n=3, alpha=3)", DEFAULT + " +DBA"},
        {"default descriptor + salient framing (IS-Net cut-out on busy photos), no whitening",
            "mixed5|6-rmac +salient framing"},
        {"default descriptor + salient framing + whitening s=1.0", "mixed5|6-rmac +salient framing +whitening s=1.0"},
        {"default descriptor + framing + adapt head (pairs of views), s=0.5",
            "mixed5|6-rmac +object framing +adapt s=0.5"},
        {"default descriptor + framing + adapt head (pairs of views), s=1.0",
            "mixed5|6-rmac +object framing +adapt s=1.0"},
        {"default descriptor + framing + adapt head (pairs of views), s=2.0",
            "mixed5|6-rmac +object framing +adapt s=2.0"},
        {"default descriptor + salient framing + adapt head s=1.0", "mixed5|6-rmac +salient framing +adapt s=1.0"},
        {"default descriptor + framing + adapt head from photo-like views, s=1.0",
            "mixed5|6-rmac +object framing +adapt-photo s=1.0"},
        {"default descriptor + salient framing + adapt head from photo-like views, s=1.0",
            "mixed5|6-rmac +salient framing +adapt-photo s=1.0"},
        {"default + photo shift a=1.0 (object framing: busy photos and the pool embedded whole)",
            DEFAULT + " +photo shift a=1.0"},
        {"default descriptor + framing + adapt head s=1.0 + photo shift a=1.0",
            "mixed5|6-rmac +object framing +adapt s=1.0 +photo shift a=1.0"},
        {"salient framing + whitening s=1.0 + photo shift a=1.0 (the 20-photo pool)",
            "mixed5|6-rmac +salient framing +whitening s=1.0 +photo shift a=1.0"},
        {"salient framing + photo-like head + photo shift a=0.5", PHOTO_SHIFTED + "0.5"},
        {"**salient framing + photo-like head + photo shift a=1.0 (the 20-photo pool)**", PHOTO_SHIFTED + "1.0"},
        {"salient framing + photo-like head + photo shift a=1.5", PHOTO_SHIFTED + "1.5"},
        {"salient framing + photo-like head + photo shift a=1.0, the pool's first 10 photos",
            PHOTO_SHIFTED + "1.0 first 10"},
        {"salient framing + photo-like head + photo shift a=1.0, the pool's last 10 photos",
            PHOTO_SHIFTED + "1.0 last 10"},
        {"salient framing + photo-like head, shift in the head's space a=1.0 (not the model's)",
            HEAD_PHOTO + " +head-space shift a=1.0"},
        {"salient framing + photo-like head, shift in the head's space a=1.5",
            HEAD_PHOTO + " +head-space shift a=1.5"},
        {"salient framing + photo-like head + photo shift a=1.0, then the head-space residual shift",
            HEAD_PHOTO + " +photo shift a=1.0 +head-space residual shift"},
        {"salient framing + photo-like head, CORAL per dimension in the head's space (k=20)",
            HEAD_PHOTO + " +head-space diagonal CORAL k=20.0"},
        {"salient framing + photo-like head, CORAL along the pool's principal directions (s=1.0)",
            HEAD_PHOTO + " +head-space pool-subspace CORAL s=1.0"},
        {"salient framing + photo-like head, CSLS hubness correction from the pool (k=5, b=0.5)",
            HEAD_PHOTO + " +CSLS k=5 b=0.5"},
        {"salient framing + photo-like head, CSLS (k=10, b=1.0)", HEAD_PHOTO + " +CSLS k=10 b=1.0"},
        {"salient framing + photo-like head + photo shift a=1.0 + CSLS (k=10, b=0.5)",
            HEAD_PHOTO + " +photo shift a=1.0 +CSLS k=10 b=0.5"},
        {"salient framing + photo-like head, catalogue vectors averaged with their photo-like views (b=0.5)",
            HEAD_PHOTO + " +gallery averaged with its photo-like views b=0.5"},
        {"the same + photo shift a=1.0",
            HEAD_PHOTO + " +gallery averaged with its photo-like views b=0.5 +photo shift a=1.0"},
        {"salient framing + photo-like head, query averaged with its mirror image", HEAD_PHOTO + " +flip"},
        {"the same + photo shift a=1.0 (pool mirrored too)", HEAD_PHOTO + " +flip +photo shift a=1.0"},
        {"mirror images averaged on both sides + photo shift a=1.0",
            HEAD_PHOTO + " +flip both sides +photo shift a=1.0"},
        {"salient framing + photo-like head, query colours made vivid (saturation x1.6)", HEAD_PHOTO + " +vivid"},
        {"the same + photo shift a=1.0 (pool made vivid too)", HEAD_PHOTO + " +vivid +photo shift a=1.0"},

    };
    /**
     * Unlabelled real photos for the photo shift's pool ({@code eval/photo-pool.csv}), in neither eval CSV; loaded by
     * {@link #main}.
     */
    private static List<BufferedImage> photoPool = List.of();
    /** Sets whose queries stand on busy backgrounds, where salient framing differs from object framing. */
    private static final Set<String> BUSY = Set.of("photos", "backgroundStress");
    private static final String SALIENT_DESCRIPTOR = "mixed5|6-rmac";

    /** The descriptors computed from one forward pass (mixed4..mixed6 outputs). */
    private static final Map<String, Function<NDList, NDArray>> DESCRIPTORS = new LinkedHashMap<>();

    static {
        DESCRIPTORS.put("mixed6-avg", out -> pool("avg", out.get(2)));
        DESCRIPTORS.put("mixed6-gem3", out -> pool("gem:3", out.get(2)));
        DESCRIPTORS.put("mixed6-rmac", out -> pool("rmac", out.get(2)));
        DESCRIPTORS.put("mixed5-gem3", out -> pool("gem:3", out.get(1)));
        DESCRIPTORS.put("mixed5+6-gem3 (each normalised)", out -> pool("gem:3", out.get(1))
                .concat(pool("gem:3", out.get(2)), 1));
        DESCRIPTORS.put("mixed5|6-gem3", out -> pool("gem:3", out.get(1).concat(out.get(2), 1)));
        DESCRIPTORS.put("mixed5|6-rmac", out -> pool("rmac", out.get(1).concat(out.get(2), 1)));
    }

    /** IS-Net (the service's {@code framing=salient}), loaded on the first busy image, timed per call. */
    private static final TimedMask SALIENT_MASK = new TimedMask();

    private QualityEval() {
    }

    /** The salient-object model, loaded on first use, with the time its calls took. */
    private static final class TimedMask implements ForegroundMask {
        private IsNetMask mask;
        long calls;
        long nanos;

        @Override
        public String id() {
            return "isnet-small";
        }

        @Override
        public synchronized float[] alpha(BufferedImage image) {
            if (mask == null) {
                mask = IsNetMask.load(Fixtures.salientTarball(), "small", 0);
            }
            long start = System.nanoTime();
            float[] alpha = mask.alpha(image);
            nanos += System.nanoTime() - start;
            calls++;
            return alpha;
        }
    }

    private static NDArray pool(String spec, NDArray map) {
        NDArray pooled = Pooling.parse(spec).pool(map);
        return pooled.div(pooled.norm(new int[] {1}, true).maximum(1e-12f));
    }

    /** One labelled set: query images with their correct labels, gallery images with their labels. */
    record EvalSet(String name, List<BufferedImage> queries, List<Set<String>> correct, List<BufferedImage> gallery,
                   List<String> labels, String galleryKey, List<BufferedImage> unsold) {

        EvalSet(String name, List<BufferedImage> queries, List<Set<String>> correct, List<BufferedImage> gallery,
                List<String> labels, String galleryKey) {
            this(name, queries, correct, gallery, labels, galleryKey, List.of());
        }
    }

    /** {@code -Dquality.probe=photos,...}: evaluate only these sets and print, without writing any report. */
    private static final Set<String> PROBE_SETS = Arrays.stream(System.getProperty("quality.probe", "").split(","))
            .filter(s -> !s.isBlank()).collect(java.util.stream.Collectors.toSet());

    public static void main(String[] args) throws Exception {
        Machine machine = Machine.current();
        System.out.println("Retrieval quality on " + machine.line());
        DjlEngine.pytorch(0);
        ImageDecoder decoder = TestDecoders.lenient();
        List<EvalSet> sets = sets(decoder);
        photoPool = installedPhotos("photo-pool.csv", decoder);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        long start = System.nanoTime();
        try (TfjsGraph graph = TfjsGraph.withOutputs(TfjsArchive.open(Fixtures.nsfwjsTarball()), LAYERS, true)) {
            // A run on wrong kernels (uncapped oneDNN on some CPUs) would write wrong numbers and cache wrong vectors.
            System.out.printf("Model self-check: cosine %.6f to the reference%n", ModelSelfCheck.verify(
                    "the evaluation's graph", image -> plainEmbedding(graph, image)));
            for (EvalSet set : sets) {
                if (PROBE_SETS.isEmpty() || PROBE_SETS.contains(set.name())) {
                    results.put(set.name(), evaluate(graph, set));
                }
            }
        }
        if (!PROBE_SETS.isEmpty()) {
            return;
        }
        List<String> codes = Files.readAllLines(Path.of("data/sample/catalog.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(',')).replace(".webp", "")).toList();
        results.put("gradCamHeatOnObject", HeatOnObject.measure(Fixtures.nsfwjsTarball(), codes,
                BenchmarkSuite.googleEmoji(Path.of("target/bench")), decoder, 40));
        results.put("seconds", Stats.round((System.nanoTime() - start) / 1e9, 1));
        Path out = Path.of("target/bench/quality.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        BenchReport.replaceSection(Path.of("docs/evaluation.md"), "# Evaluation", "quality", markdown(results, machine));
        System.out.println("Wrote " + out + " and the quality section of docs/evaluation.md");
    }

    /** The plain default embedding (mixed6 average, no framing) of one image, as the self-check expects it. */
    private static float[] plainEmbedding(TfjsGraph graph, BufferedImage image) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = manager.create(ImagePreprocessor.unitRange(299).toNchw(List.of(image)),
                    new Shape(1, 3, 299, 299));
            return DESCRIPTORS.get("mixed6-avg").apply(graph.forwardAll(input)).toFloatArray();
        }
    }

    private static Map<String, Object> evaluate(TfjsGraph graph, EvalSet set) throws IOException {
        System.out.printf("%s: %d queries, %d gallery%n", set.name(), set.queries().size(), set.gallery().size());
        Map<String, Object> rows = new LinkedHashMap<>();
        row(rows, PIXELS, set, pixels(set.queries()), pixels(set.gallery()));
        Map<String, Whitening> heads = new LinkedHashMap<>();
        List<String> framings = BUSY.contains(set.name()) ? List.of("none", "object", "salient")
                : List.of("none", "object");
        for (String framing : framings) {
            boolean salient = framing.equals("salient");
            // The galleries are catalogue shots on white, where salient framing is object framing: reuse those.
            Map<String, float[][]> gallery = vectors(graph, set.galleryKey(), set.gallery(),
                    salient ? "object" : framing);
            Map<String, float[][]> queries = vectors(graph, set.name() + "-queries", set.queries(), framing);
            Map<String, float[][]> unsold = set.unsold().isEmpty() ? Map.of()
                    : vectors(graph, set.name() + "-unsold", set.unsold(), framing);
            for (String descriptor : DESCRIPTORS.keySet()) {
                if (salient && !descriptor.equals(SALIENT_DESCRIPTOR)) {
                    continue;
                }
                float[][] g = gallery.get(descriptor);
                float[][] q = queries.get(descriptor);
                String base = descriptor + (framing.equals("none") ? "" : " +" + framing + " framing");
                row(rows, base, set, q, g);
                for (double shrinkage : salient ? new double[] {1.0} : new double[] {0.2, 1.0, 3.0}) {
                    Whitening w = Whitening.learn(Arrays.asList(g), Integer.MAX_VALUE, shrinkage, SEED);
                    float[][] wg = apply(w, g);
                    float[][] wq = apply(w, q);
                    row(rows, base + " +whitening s=" + shrinkage, set, wq, wg);
                    if (shrinkage == 1.0 && descriptor.equals(SALIENT_DESCRIPTOR)) {
                        if (!salient) {
                            row(rows, base + " +whitening s=1.0 +alpha-QE", set, QueryExpansion.expand(wq, wg, 3, 3),
                                    wg);
                            float[][] dba = QueryExpansion.expand(wg, wg, 3, 3);
                            row(rows, base + " +whitening s=1.0 +DBA", set, wq, dba);
                        }
                        calibration(rows, base + " +whitening s=1.0", set, wq, wg,
                                unsold.isEmpty() ? new float[0][] : apply(w, unsold.get(descriptor)));
                        if (framing.equals("object")) {
                            feedback(rows, set, wq, wg);
                            heads.putAll(adapted(rows, graph, set, base, g, q));
                            if (BUSY.contains(set.name())) {
                                photoShifted(rows, graph, set, base, "object", g, q, unsoldOf(unsold, descriptor),
                                        "adapt s=1.0", heads.get("adapt s=1.0"), w);
                            }
                        } else if (salient) {
                            for (String head : List.of("adapt s=1.0", "adapt-photo s=1.0")) {
                                row(rows, base + " +" + head, set, apply(heads.get(head), q),
                                        apply(heads.get(head), g));
                            }
                            photoShifted(rows, graph, set, base, "salient", g, q, unsoldOf(unsold, descriptor),
                                    "adapt-photo s=1.0", heads.get("adapt-photo s=1.0"), w);
                            DomainProbes.run(rows, set, base + " +adapt-photo s=1.0", g, q,
                                    heads.get("adapt-photo s=1.0"),
                                    photoPool.isEmpty() ? new float[0][]
                                            : vectors(graph, "photo-pool", photoPool, "salient").get(descriptor),
                                    variant -> vectors(graph, set.name() + "-queries-" + variant,
                                            DomainProbes.transform(set.queries(), variant), "salient").get(descriptor),
                                    variant -> vectors(graph, "photo-pool-" + variant,
                                            DomainProbes.transform(photoPool, variant), "salient").get(descriptor),
                                    variant -> vectors(graph, set.galleryKey() + "-" + variant,
                                            DomainProbes.transform(set.gallery(), variant), "object").get(descriptor),
                                    viewVectors(graph, set, ProductViews.photoLike(SEED), "-photoviews", VIEWS),
                                    unsoldOf(unsold, descriptor));
                        }
                    }
                }
            }
        }
        if (SALIENT_MASK.calls > 0) {
            rows.put("salientMask", Map.of("busyImagesMasked", SALIENT_MASK.calls,
                    "meanMaskMs", Stats.round(SALIENT_MASK.nanos / 1e6 / SALIENT_MASK.calls, 0)));
            SALIENT_MASK.calls = 0;
            SALIENT_MASK.nanos = 0;
        }
        return rows;
    }

    /**
     * The photo shift (the service's {@link PhotoShift}) learned from the gallery and the pool of unlabelled photos
     * (embedded with the same {@code framing} as the queries), applied, as the service applies it, to the queries
     * the border test takes for busy photos, in front of the named head (and once of the whitening): strengths 0.5
     * to 1.5, and each half of the pool alone.
     */
    private static void photoShifted(Map<String, Object> rows, TfjsGraph graph, EvalSet set, String base,
                                     String framing, float[][] g, float[][] q, float[][] unsold, String headName,
                                     Whitening head, Whitening whitening) throws IOException {
        if (photoPool.isEmpty()) {
            return;
        }
        float[][] pool = vectors(graph, "photo-pool", photoPool, framing).get(SALIENT_DESCRIPTOR);
        boolean[] busy = new boolean[q.length];
        for (int i = 0; i < q.length; i++) {
            busy[i] = SalientFraming.isBusy(set.queries().get(i));
        }
        List<float[]> gallery = Arrays.asList(g);
        Map<String, List<float[]>> pools = new LinkedHashMap<>();
        pools.put("", Arrays.asList(pool));
        pools.put(" first 10", Arrays.asList(pool).subList(0, Math.min(10, pool.length)));
        pools.put(" last 10", Arrays.asList(pool).subList(Math.max(0, pool.length - 10), pool.length));
        float[][] headGallery = apply(head, g);
        // The head's own verdicts without the shift: what the shifted calibration below compares with.
        calibration(rows, base + " +" + headName, set, apply(head, q), headGallery, apply(head, unsold));
        for (var entry : pools.entrySet()) {
            for (double strength : entry.getKey().isEmpty() ? new double[] {0.5, 1.0, 1.5} : new double[] {1.0}) {
                PhotoShift shift = PhotoShift.learn(gallery, entry.getValue(), strength);
                float[][] shifted = new float[q.length][];
                for (int i = 0; i < q.length; i++) {
                    shifted[i] = busy[i] ? shift.apply(q[i]) : q[i];
                }
                row(rows, base + " +" + headName + " +photo shift a=" + strength + entry.getKey(), set,
                        apply(head, shifted), headGallery);
                if (strength == 1.0 && entry.getKey().isEmpty()) {
                    // The unsold photos go through the shift too: does the no-close-match verdict still hold?
                    float[][] unsoldShifted = new float[unsold.length][];
                    for (int i = 0; i < unsold.length; i++) {
                        unsoldShifted[i] = SalientFraming.isBusy(set.unsold().get(i)) ? shift.apply(unsold[i])
                                : unsold[i];
                    }
                    calibration(rows, base + " +" + headName + " +photo shift a=1.0", set, apply(head, shifted),
                            headGallery, apply(head, unsoldShifted));
                    row(rows, base + " +whitening s=1.0 +photo shift a=1.0", set, apply(whitening, shifted),
                            apply(whitening, g));
                }
            }
        }
    }

    private static float[][] unsoldOf(Map<String, float[][]> unsold, String descriptor) {
        return unsold.isEmpty() ? new float[0][] : unsold.get(descriptor);
    }

    /** Views per gallery image the adapt rows learn from, and the shrinkages tried. */
    private static final int VIEWS = 3;
    private static final double[] ADAPT_SHRINKAGE = {0.5, 1.0, 2.0};

    /**
     * The adapt job's head on the default descriptor: pair whitening learned from the gallery and seeded altered
     * views of it ({@code ProductViews}, the job's own code, batches of 32), never from the queries or labels.
     */
    private static Map<String, Whitening> adapted(Map<String, Object> rows, TfjsGraph graph, EvalSet set, String base,
                                                  float[][] g, float[][] q) throws IOException {
        Map<String, Whitening> heads = new LinkedHashMap<>();
        float[][] v = viewVectors(graph, set, new ProductViews(SEED), "-views", VIEWS);
        for (double shrinkage : ADAPT_SHRINKAGE) {
            heads.put("adapt s=" + shrinkage, head(rows, set, base, "adapt s=" + shrinkage, g, q, v, VIEWS,
                    shrinkage));
        }
        float[][] photoLike = viewVectors(graph, set, ProductViews.photoLike(SEED), "-photoviews", VIEWS);
        heads.put("adapt-photo s=1.0", head(rows, set, base, "adapt-photo s=1.0", g, q, photoLike, VIEWS, 1.0));
        return heads;
    }

    /**
     * The default descriptor of {@code perProduct} seeded views of each gallery image, in batches of 32 as the job
     * draws them.
     */
    private static float[][] viewVectors(TfjsGraph graph, EvalSet set, ProductViews views, String key,
                                         int perProduct) throws IOException {
        List<BufferedImage> altered = new ArrayList<>();
        for (int start = 0; start < set.gallery().size(); start += 32) {
            int end = Math.min(set.gallery().size(), start + 32);
            List<Long> ids = java.util.stream.LongStream.range(start, end).boxed().toList();
            altered.addAll(views.views(ids, set.gallery().subList(start, end), perProduct));
        }
        return vectors(graph, set.galleryKey() + key + perProduct, altered, "object").get("mixed5|6-rmac");
    }

    private static Whitening head(Map<String, Object> rows, EvalSet set, String base, String name, float[][] g,
                                  float[][] q, float[][] views, int perProduct, double shrinkage) {
        // perProduct views of each gallery image, in gallery order.
        List<float[]> anchors = new ArrayList<>();
        for (int i = 0; i < views.length; i++) {
            anchors.add(g[i / perProduct]);
        }
        long start = System.nanoTime();
        Whitening head = PairWhitening.learn(Arrays.asList(g), anchors, Arrays.asList(views), Integer.MAX_VALUE,
                shrinkage, SEED);
        System.out.printf("%s: %s learned in %.1f s%n", set.name(), name, (System.nanoTime() - start) / 1e9);
        row(rows, base + " +" + name, set, apply(head, q), apply(head, g));
        return head;
    }

    /** Relevance feedback on the default: R@1 with and without one good result marked (see FeedbackEval). */
    private static void feedback(Map<String, Object> rows, EvalSet set, float[][] queries, float[][] gallery)
            throws IOException {
        BiPredicate<Integer, Integer> good;
        String marked;
        if (set.name().equals("fashionMnist")) {
            good = (q, g) -> set.correct().get(q).contains(set.labels().get(g));
            marked = "the first correct result";
        } else {
            Map<String, String> categoryOf = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("data/sample/catalog.csv")).stream().skip(1).toList()) {
                List<String> cells = FeedbackEval.csvCells(line);
                categoryOf.put(cells.get(0).replace(".webp", ""), cells.get(2).replace("\"", ""));
            }
            good = FeedbackEval.sameCategory(set.correct(), set.labels(), categoryOf);
            marked = "the first other product of the correct product's category";
        }
        Map<String, Object> m = new LinkedHashMap<>(FeedbackEval.measure(queries, gallery, set.correct(),
                set.labels(), good));
        m.put("markedGood", marked + " among the top 10");
        rows.put(FEEDBACK, m);
        System.out.printf("  %-60s %s%n", FEEDBACK, m);
    }

    /**
     * How the relevance calibration reads on this set: the relevance of the best result when it is correct and
     * when it is not, and how often the no-close-match verdict would be right.
     */
    private static void calibration(Map<String, Object> rows, String name, EvalSet set, float[][] queries,
                                    float[][] gallery, float[][] unsold) {
        dev.visualsearch.index.ScoreCalibration calibration = dev.visualsearch.index.ScoreCalibration.measure(
                Arrays.asList(gallery), SEED);
        List<Double> correct = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        for (int i = 0; i < queries.length; i++) {
            int best = 0;
            float bestScore = -2;
            for (int j = 0; j < gallery.length; j++) {
                float s = Vectors.dot(queries[i], gallery[j]);
                if (s > bestScore) {
                    bestScore = s;
                    best = j;
                }
            }
            double relevance = calibration.relevance(bestScore);
            (set.correct().get(i).contains(set.labels().get(best)) ? correct : wrong).add(relevance);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unrelated", calibration.unrelated());
        m.put("neighbour", calibration.neighbour());
        m.put("top1CorrectMedianRelevance", median(correct));
        m.put("top1WrongMedianRelevance", median(wrong));
        double t = dev.visualsearch.index.ScoreCalibration.NO_CLOSE_MATCH;
        m.put("correctCalledNoMatch", Stats.round(correct.stream().filter(r -> r < t).count()
                / (double) Math.max(1, correct.size()), 3));
        m.put("wrongCalledNoMatch", Stats.round(wrong.stream().filter(r -> r < t).count()
                / (double) Math.max(1, wrong.size()), 3));
        List<Double> unsoldRelevance = Arrays.stream(unsold).map(u -> calibration.relevance(best(u, gallery))).toList();
        if (unsold.length > 0) {
            m.put("unsoldPhotos", unsold.length);
            m.put("unsoldCalledNoMatch", share(unsoldRelevance, t));
        }
        // How other thresholds would have read: the share of correct / wrong (/ unsold) best results below each.
        Map<String, Object> sweep = new LinkedHashMap<>();
        for (double threshold : new double[] {0.25, 0.4, 0.5, 0.6, 0.7}) {
            sweep.put(String.valueOf(threshold), share(correct, threshold) + " / " + share(wrong, threshold)
                    + (unsold.length > 0 ? " / " + share(unsoldRelevance, threshold) : ""));
        }
        m.put("belowThreshold", sweep);
        rows.put(name + " calibration", m);
        System.out.printf("  %-60s %s%n", name + " calibration", m);
    }

    private static double share(List<Double> relevances, double threshold) {
        return Stats.round(relevances.stream().filter(r -> r < threshold).count()
                / (double) Math.max(1, relevances.size()), 3);
    }

    private static float best(float[] query, float[][] gallery) {
        return nearest(query, gallery)[0];
    }

    /** The best cosine of {@code query} in {@code gallery} and the index it is at, as {@code {score, index}}. */
    static float[] nearest(float[] query, float[][] gallery) {
        float top = -2;
        int at = 0;
        for (int j = 0; j < gallery.length; j++) {
            float score = Vectors.dot(query, gallery[j]);
            if (score > top) {
                top = score;
                at = j;
            }
        }
        return new float[] {top, at};
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return Stats.round(sorted.get(sorted.size() / 2), 3);
    }

    static void row(Map<String, Object> rows, String name, EvalSet set, float[][] queries,
                    float[][] gallery) {
        List<Query> qs = new ArrayList<>();
        for (int i = 0; i < queries.length; i++) {
            qs.add(new Query(queries[i], set.correct().get(i)));
        }
        Map<String, Object> metrics = RankingMetrics.of(qs, Arrays.asList(gallery), set.labels());
        rows.put(name, metrics);
        System.out.printf("  %-60s %s%n", name, metrics);
    }

    /** The raw-pixel baseline: 32 x 32 RGB, L2-normalised. */
    private static float[][] pixels(List<BufferedImage> images) {
        float[][] out = new float[images.size()][];
        for (int n = 0; n < out.length; n++) {
            BufferedImage small = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            var g = small.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(images.get(n), 0, 0, 32, 32, null);
            g.dispose();
            float[] v = new float[32 * 32 * 3];
            for (int i = 0; i < 32 * 32; i++) {
                int p = small.getRGB(i % 32, i / 32);
                v[i * 3] = (p >> 16) & 0xFF;
                v[i * 3 + 1] = (p >> 8) & 0xFF;
                v[i * 3 + 2] = p & 0xFF;
            }
            out[n] = Vectors.normalise(v);
        }
        return out;
    }

    static float[][] apply(Whitening w, float[][] vectors) {
        return Arrays.stream(vectors).map(w::apply).toArray(float[][]::new);
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results, Machine machine) {
        StringBuilder md = new StringBuilder();
        md.append("Generated by `./mvnw -Pbench verify -Dbench.mode=quality` on ").append(machine.line())
                .append(", in ").append(results.get("seconds")).append(" s.\n");
        for (var entry : results.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> rows) || entry.getKey().equals("machine")
                    || entry.getKey().equals("gradCamHeatOnObject")) {
                continue;
            }
            md.append("\n#### ").append(entry.getKey()).append("\n\n| descriptor | R@1 | R@5 | R@10 | mAP@10 | "
                    + "median rank |\n|---|---|---|---|---|---|\n");
            for (String[] ablation : ABLATION) {
                if (rows.get(ablation[1]) instanceof Map<?, ?> m) {
                    md.append("| ").append(ablation[0]).append(" | ").append(m.get("recallAt1")).append(" | ")
                            .append(m.get("recallAt5")).append(" | ").append(m.get("recallAt10")).append(" | ")
                            .append(m.get("mapAt10")).append(" | ").append(m.get("medianRank")).append(" |\n");
                }
            }
            for (String key : List.of(DEFAULT, SALIENT_DESCRIPTOR + " +salient framing +adapt s=1.0",
                    SALIENT_DESCRIPTOR + " +salient framing +adapt-photo s=1.0", PHOTO_SHIFTED + "1.0")) {
                if (rows.get(key) instanceof Map<?, ?> m && m.get("ranks") != null) {
                    md.append(key.equals(DEFAULT) ? "\n" : "").append("Rank of the correct product, query by query "
                            + "(in the CSV's order), `").append(key).append("`: ").append(m.get("ranks")).append("\n");
                }
            }
            if (rows.get(FEEDBACK) instanceof Map<?, ?> f) {
                md.append("\nOne good result (").append(f.get("markedGood")).append(", marked for ")
                        .append(f.get("queriesWithFeedback")).append(" of ").append(f.get("queries"))
                        .append(" queries; R@1 of the rest of the ranking, the marked result removed): without "
                                + "feedback ").append(f.get("recallAt1Without")).append(", average strategy ")
                        .append(f.get("recallAt1Average")).append(", best strategy ").append(f.get("recallAt1Best"))
                        .append(".\n");
            }
            if (rows.get(DEFAULT + " calibration") instanceof Map<?, ?> c) {
                md.append("\nRelevance calibration of the default on this gallery: ").append(c).append("\n");
            }
            String salient = SALIENT_DESCRIPTOR + " +salient framing +whitening s=1.0 calibration";
            if (rows.get(salient) instanceof Map<?, ?> c) {
                md.append("\nRelevance calibration with salient framing: ").append(c).append("\n");
            }
            String photoHead = SALIENT_DESCRIPTOR + " +salient framing +adapt-photo s=1.0 calibration";
            if (rows.get(photoHead) instanceof Map<?, ?> c) {
                md.append("\nRelevance calibration with salient framing and the photo-like head: ").append(c)
                        .append("\n");
            }
            if (rows.get(PHOTO_SHIFTED + "1.0 calibration") instanceof Map<?, ?> c) {
                md.append("\nRelevance calibration with salient framing, the photo-like head and the photo shift: ")
                        .append(c).append("\n");
            }
            if (rows.get("salientMask") instanceof Map<?, ?> mask) {
                md.append("\nSalient-object masks computed (busy-background queries): ").append(mask).append("\n");
            }
        }
        if (results.get("gradCamHeatOnObject") instanceof Map<?, ?> heat) {
            md.append("\n#### Grad-CAM heat on the object\n\nShare of the Grad-CAM heat on a catalogue product's "
                    + "image that falls on the product itself (its alpha mask), explaining its match with its Google "
                    + "drawing; `objectArea` is the share of the image the product covers (an evenly spread map "
                    + "scores that): ").append(heat).append("\n");
        }
        return md.toString();
    }

    /** Every descriptor of every image, computed once per framing and cached on disk. */
    private static Map<String, float[][]> vectors(TfjsGraph graph, String key, List<BufferedImage> images,
                                                  String framingSpec) throws IOException {
        Files.createDirectories(CACHE);
        Map<String, float[][]> out = new LinkedHashMap<>();
        boolean cached = true;
        for (String d : DESCRIPTORS.keySet()) {
            Path file = CACHE.resolve(key + "-" + framingSpec + "-" + d + "-" + images.size() + ".f32");
            if (Files.exists(file)) {
                out.put(d, read(file, images.size()));
            } else {
                cached = false;
            }
        }
        if (cached) {
            return out;
        }
        Framing framing = framingSpec.equals("salient")
                ? new SalientFraming(SALIENT_MASK) : Framing.parse(framingSpec);
        ImagePreprocessor preprocessor = ImagePreprocessor.unitRange(299);
        Map<String, List<float[]>> rows = new LinkedHashMap<>();
        DESCRIPTORS.keySet().forEach(d -> rows.put(d, new ArrayList<>()));
        for (int startAt = 0; startAt < images.size(); startAt += 8) {
            List<BufferedImage> batch = images.subList(startAt, Math.min(images.size(), startAt + 8)).stream()
                    .map(image -> framing.frame(image).image()).toList();
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                NDArray input = manager.create(preprocessor.toNchw(batch), new Shape(batch.size(), 3, 299, 299));
                NDList outputs = graph.forwardAll(input);
                for (var entry : DESCRIPTORS.entrySet()) {
                    float[] flat = entry.getValue().apply(outputs).toFloatArray();
                    int dim = flat.length / batch.size();
                    for (int i = 0; i < batch.size(); i++) {
                        rows.get(entry.getKey()).add(Arrays.copyOfRange(flat, i * dim, (i + 1) * dim));
                    }
                }
            }
        }
        for (String d : DESCRIPTORS.keySet()) {
            float[][] vectors = rows.get(d).toArray(float[][]::new);
            out.put(d, vectors);
            write(CACHE.resolve(key + "-" + framingSpec + "-" + d + "-" + images.size() + ".f32"), vectors);
        }
        return out;
    }

    private static void write(Path file, float[][] vectors) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(vectors.length * vectors[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vectors) {
            bytes.asFloatBuffer().put(v);
            bytes.position(bytes.position() + v.length * 4);
        }
        Files.write(file, bytes.array());
    }

    private static float[][] read(Path file, int count) throws IOException {
        float[] all = Fixtures.readFloats(file);
        int dim = all.length / count;
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = Arrays.copyOfRange(all, i * dim, (i + 1) * dim);
        }
        return out;
    }

    // ---- the sets ----

    private static List<EvalSet> sets(ImageDecoder decoder) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("data/sample/catalog.csv")).stream().skip(1).toList();
        List<String> codes = lines.stream().map(l -> l.substring(0, l.indexOf(',')).replace(".webp", "")).toList();
        List<BufferedImage> catalogue = new ArrayList<>();
        List<BufferedImage> cutouts = new ArrayList<>();
        for (String code : codes) {
            byte[] bytes = Files.readAllBytes(Path.of("data/sample/images", code + ".webp"));
            catalogue.add(decoder.decode(bytes).rgb());
            cutouts.add(ImageIO.read(new java.io.ByteArrayInputStream(bytes)));
        }
        List<EvalSet> sets = new ArrayList<>();

        Path google = BenchmarkSuite.googleEmoji(Path.of("target/bench"));
        List<BufferedImage> drawings = new ArrayList<>();
        List<Set<String>> drawingLabels = new ArrayList<>();
        for (String code : codes) {
            Path png = google.resolve(code + ".png");
            if (!Files.exists(png)) {
                png = google.resolve(code.replace("-fe0f", "") + ".png");
            }
            if (Files.exists(png)) {
                drawings.add(decoder.decode(Files.readAllBytes(png)).rgb());
                drawingLabels.add(Set.of(code));
            }
        }
        sets.add(new EvalSet("crossVendorEmoji", drawings, drawingLabels, catalogue, codes, "catalogue"));

        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        if (Files.isDirectory(fashion)) {
            List<String> trainLabels = idxLabels(fashion.resolve("train-labels-idx1-ubyte.gz"), 500);
            List<String> testLabels = idxLabels(fashion.resolve("t10k-labels-idx1-ubyte.gz"), 500);
            sets.add(new EvalSet("fashionMnist", idxImages(fashion.resolve("t10k-images-idx3-ubyte.gz"), 500),
                    testLabels.stream().map(Set::of).toList(),
                    idxImages(fashion.resolve("train-images-idx3-ubyte.gz"), 500), trainLabels, "fashionMnist-gallery"));
        } else {
            System.out.println("fashionMnist skipped: apt-get install dataset-fashion-mnist");
        }

        List<BufferedImage> photos = new ArrayList<>();
        List<Set<String>> photoLabels = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/eval/photos.csv")).stream().skip(1)
                .toList()) {
            String[] cells = line.split(",");
            Path file = Path.of(cells[0]);
            if (Files.exists(file)) {
                photos.add(decoder.decode(Files.readAllBytes(file)).rgb());
                photoLabels.add(new LinkedHashSet<>(List.of(cells[1].split(";"))));
            } else {
                System.out.println("photo missing (install opencv-doc and python3-skimage): " + file);
            }
        }
        List<BufferedImage> unsold = installedPhotos("photos-not-sold.csv", decoder);
        if (!photos.isEmpty()) {
            sets.add(new EvalSet("photos", photos, photoLabels, catalogue, codes, "catalogue", unsold));
        }

        List<BufferedImage> textures = new ArrayList<>();
        Path skimage = Path.of("/usr/lib/python3/dist-packages/skimage/data");
        for (String name : List.of("grass.png", "gravel.png", "brick.png", "coffee.png", "chelsea.png",
                "astronaut.png", "rocket.jpg", "motorcycle_left.png")) {
            Path file = skimage.resolve(name);
            if (Files.exists(file)) {
                textures.add(decoder.decode(Files.readAllBytes(file)).rgb());
            }
        }
        BackgroundStress stress = new BackgroundStress(textures);
        List<BufferedImage> shifted = new ArrayList<>();
        List<BufferedImage> stressed = new ArrayList<>();
        for (int i = 0; i < cutouts.size(); i++) {
            shifted.add(stress.compose(cutouts.get(i), i, SEED, true));
            stressed.add(stress.compose(cutouts.get(i), i, SEED, false));
        }
        List<Set<String>> own = codes.stream().map(Set::of).toList();
        sets.add(new EvalSet("shiftedOnWhite", shifted, own, catalogue, codes, "catalogue"));
        if (!textures.isEmpty()) {
            sets.add(new EvalSet("backgroundStress", stressed, own, catalogue, codes, "catalogue"));
        }
        return sets;
    }

    /**
     * The pictures an unlabelled photo list ({@code src/test/resources/eval/<csv>}, the file in its first column) names
     * that are installed (opencv-doc, python3-skimage), in its order.
     */
    private static List<BufferedImage> installedPhotos(String csv, ImageDecoder decoder) throws IOException {
        List<BufferedImage> photos = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/eval", csv)).stream().skip(1).toList()) {
            Path file = Path.of(line.split(",")[0]);
            if (Files.exists(file)) {
                photos.add(decoder.decode(Files.readAllBytes(file)).rgb());
            } else {
                System.out.println(csv + ": photo missing (install opencv-doc and python3-skimage): " + file);
            }
        }
        return photos;
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

    private static List<String> idxLabels(Path file, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            in.readInt();
            List<String> labels = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                labels.add(String.valueOf(in.readUnsignedByte()));
            }
            return labels;
        }
    }
}
