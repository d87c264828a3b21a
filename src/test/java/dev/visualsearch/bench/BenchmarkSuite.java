package dev.visualsearch.bench;

import dev.visualsearch.support.TestDecoders;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.ImagePreprocessor;
import dev.visualsearch.embedding.djl.DjlEngine;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.embedding.tfjs.NpmModelFetcher;
import dev.visualsearch.embedding.torchscript.TorchScriptEmbeddingModel;
import dev.visualsearch.explain.ExplainBench;
import dev.visualsearch.explain.FaithfulnessCheck;
import dev.visualsearch.support.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One command for the numbers the docs quote: {@code ./mvnw -Pbench verify} (full, under 30 minutes on 2 cores) or
 * {@code ./mvnw -Pbench verify -Dbench.mode=quick} (under 5 minutes; smaller sets, no in-process explanation timings
 * and no faithfulness check). Writes
 * {@code target/bench/results.json}, refreshes the generated sections of {@code docs/performance.md} and
 * {@code docs/evaluation.md} (embedding, search, end-to-end API, explanations in process and through the API,
 * retrieval quality, clustering, explanation faithfulness) next to the previous run's numbers, and keeps this run in
 * {@code docs/bench/results.json} as the next run's baseline.
 */
public final class BenchmarkSuite {

    static final String EMOJI_PACKAGE = "emoji-datasource-google@16.0.0";
    static final String EMOJI_INTEGRITY =
            "sha512-ZRexfzs7MVoLnmzZmNsO4TKhnAJp5D++Vm6PpUpH/jEQQlemp3l88CjZ+DoZ2faM9R4QxZkOPJCoT8DlPhfQ3A==";

    /** How the sections this suite writes say they were produced. */
    private static final String SELF = "./mvnw -Pbench verify";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("quality")) {
            QualityEval.main(new String[0]);
            return;
        }
        if (args.length > 0 && args[0].equals("plot")) {
            BenchPlot.run();
            return;
        }
        if (args.length > 0 && args[0].equals("exact")) {
            ExactScanBench.run();
            return;
        }
        if (args.length > 0 && args[0].equals("compressed")) {
            CompressedIndexBench.run();
            return;
        }
        if (args.length > 0 && args[0].equals("hnswbuild")) {
            HnswBuildBench.run();
            return;
        }
        if (args.length > 0 && args[0].equals("heat")) {
            HeatOnObject.run();
            return;
        }
        if (args.length > 0 && args[0].equals("adapt")) {
            AdaptBench.run();
            return;
        }
        if (args.length > 0 && args[0].startsWith("duplicates")) {
            DuplicatesBench.run(args[0].equals("duplicates-timing"));
            return;
        }
        if (args.length > 0 && args[0].equals("filters")) {
            FilterBench.run();
            return;
        }
        if (args.length > 0 && args[0].equals("text")) {
            TextBench.run();
            return;
        }
        if (args.length > 0 && args[0].equals("interleaved")) {
            interleavedOnly();
            return;
        }
        if (args.length > 0 && args[0].startsWith("opensearch")) {
            OpenSearchBench.run(args[0].equals("opensearch-quick"));
            return;
        }
        if (args.length > 0 && args[0].equals("contention")) {
            contention();
            return;
        }
        if (args.length > 0 && args[0].startsWith("load")) {
            load(args[0].equals("load-quick"));
            return;
        }
        boolean quick = args.length > 0 && args[0].equals("quick");
        long start = System.nanoTime();
        Path out = Path.of("target/bench");
        Files.createDirectories(out);
        Machine machine = Machine.current();
        System.out.println("Benchmark (" + (quick ? "quick" : "full") + ") on " + machine.line());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        results.put("mode", quick ? "quick" : "full");

        ImageDecoder decoder = TestDecoders.lenient();
        Function<byte[], DecodedImage> decode = decoder::decode;
        DjlEngine.pytorch(0);
        List<BufferedImage> images = EmbeddingBench.sampleImages(40, decode);

        System.out.println("Python PyTorch reference");
        Map<String, Object> python = PythonReference.run(out, quick);
        results.put("python", python);

        System.out.println("Embedding throughput");
        Map<String, Object> embedding = new LinkedHashMap<>();
        try (InceptionEmbeddingModel inception = new InceptionEmbeddingModel(
                InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball()))) {
            embedding.put("default", EmbeddingBench.run("InceptionV3 mixed6 (default)", inception, images, quick));
            if (!python.containsKey("skipped")) {
                System.out.println("Java and Python PyTorch in alternating rounds");
                embedding.put("interleavedVsPython", InterleavedSpeed.run(inception, images, quick ? 3 : 9,
                        quick ? 5 : 10));
            }

            // Retrieval quality has its own mode (-Dbench.mode=quality, QualityEval): every ablation row on four sets.
            System.out.println("Explanations in process (every method) and their faithfulness");
            // Both take minutes (Score-CAM and occlusion cost dozens of forward passes): full mode only.
            Map<String, Object> skipped = Map.of("skipped", "quick mode");
            results.put("explainInProcess", quick ? skipped : ExplainBench.run(inception, SELF));
            results.put("faithfulness", quick ? skipped : FaithfulnessCheck.run(inception, SELF));
        }
        Path resnet = out.resolve("resnet50-random.pt");
        if (Files.exists(resnet)) {
            try (TorchScriptEmbeddingModel model = TorchScriptEmbeddingModel.load(resnet.toString(),
                    new ImagePreprocessor(224, new float[] {0.485f, 0.456f, 0.406f},
                            new float[] {0.229f, 0.224f, 0.225f}), "ResNet50 (random weights)")) {
                embedding.put("resnet50", EmbeddingBench.run("TorchScript ResNet50 (random weights)", model, images,
                        quick));
            }
        }
        results.put("embedding", embedding);

        System.out.println("Vector search");
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("10k", IndexBench.run(10_000, quick ? 100 : 300, true, out));
        if (!quick) {
            search.put("100k", IndexBench.run(100_000, 200, true, out));
            search.put("1M", IndexBench.run(1_000_000, 50, false, out));
        }
        results.put("search", search);

        System.out.println("End-to-end POST /api/search (256 px image, packaged app, sample catalogue)");
        ApiBench.Result api = ApiBench.run(quick ? new int[] {1, 4} : new int[] {1, 4, 16}, quick ? 10 : 25,
                quick ? 3 : 10);
        results.put("api", api.search());
        results.put("explain", api.explain());
        results.put("clustering", api.clustering());

        results.put("seconds", Stats.round((System.nanoTime() - start) / 1e9, 1));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.resolve("results.json").toFile(), results);
        Path baseline = Path.of("docs/bench/results.json");
        Map<?, ?> previous = Files.exists(baseline) ? json.readValue(baseline.toFile(), Map.class) : null;
        BenchReport.write(results, previous, machine);
        Files.createDirectories(baseline.getParent());
        Files.copy(out.resolve("results.json"), baseline, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BenchPlot.run();
        System.out.printf("Done in %.0f s: target/bench/results.json, docs/performance.md, docs/evaluation.md%n",
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@code -Dbench.mode=interleaved}: only the alternating Java / Python rounds (9 of 10 passes each, about two
     * minutes), printed and written to target/bench/interleaved.json; docs are left alone.
     */
    @SuppressWarnings("unchecked")
    private static void interleavedOnly() throws Exception {
        Machine machine = Machine.current();
        System.out.println("Java vs Python PyTorch, alternating rounds, on " + machine.line());
        DjlEngine.pytorch(0);
        List<BufferedImage> images = EmbeddingBench.sampleImages(40, TestDecoders.lenient()::decode);
        try (InceptionEmbeddingModel inception = new InceptionEmbeddingModel(
                InceptionMixed6Embedder.load(Fixtures.nsfwjsTarball()))) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("machine", machine.asMap());
            result.put("rounds", InterleavedSpeed.run(inception, images, 9, 10));
            Files.createDirectories(Path.of("target/bench"));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(Path.of("target/bench/interleaved.json").toFile(), result);
            System.out.print(BenchReport.interleaved((Map<String, Object>) result.get("rounds")));
        }
    }

    /**
     * {@code -Dbench.mode=load}: mixed search / similar / explain traffic at concurrency 1, 4 and 16 (one minute
     * each), then a 10-minute soak at concurrency 4 with the app's memory read every 15 s; about 14 minutes.
     * {@code load-quick} runs 15 s steps and a 1-minute soak. Writes target/bench/load.json and docs/reliability.md.
     */
    private static void load(boolean quick) throws Exception {
        Machine machine = Machine.current();
        System.out.println("Load and soak (" + (quick ? "quick" : "full") + ") on " + machine.line());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        results.put("mode", quick ? "load-quick" : "load");
        results.putAll(LoadMix.run(new int[] {1, 4, 16}, java.time.Duration.ofSeconds(quick ? 15 : 60), 4,
                java.time.Duration.ofMinutes(quick ? 1 : 10)));
        Map<String, Object> contention = ContentionBench.run(new int[] {1, 4},
                java.time.Duration.ofSeconds(quick ? 10 : 30));
        results.put("contention", contention);
        BenchReport.writeJson("load.json", results);
        BenchReport.writeLoad(results, machine);
        BenchReport.writeContention(contention, machine, quick ? "load-quick" : "load");
    }

    /**
     * {@code -Dbench.mode=contention}: only the thread-policy runs of the load mode (search by a new image at 1 and
     * 4 clients, 30 s each, with and without one competing CPU-bound process, three policies); about 8 minutes.
     * Writes target/bench/contention.json and the contention section of docs/performance.md.
     */
    private static void contention() throws Exception {
        Machine machine = Machine.current();
        System.out.println("CPU contention on " + machine.line());
        Map<String, Object> contention = ContentionBench.run(new int[] {1, 4}, java.time.Duration.ofSeconds(30));
        contention.put("machine", machine.asMap());
        BenchReport.writeJson("contention.json", contention);
        BenchReport.writeContention(contention, machine, "contention");
    }

    /** Google's 64 px emoji drawings, from the npm registry (checked against the published integrity). */
    static Path googleEmoji(Path out) throws Exception {
        Path folder = out.resolve("emoji-google");
        Path images = folder.resolve("package/img/google/64");
        if (!Files.isDirectory(images)) {
            Path tarball = NpmModelFetcher.tarball(EMOJI_PACKAGE, Path.of("data/models"), EMOJI_INTEGRITY);
            Files.createDirectories(folder);
            Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C",
                    folder.toString(), "package/img/google/64").inheritIO().start();
            if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new IllegalStateException("could not unpack " + tarball);
            }
        }
        return images;
    }

    private BenchmarkSuite() {
    }
}
