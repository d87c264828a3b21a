package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.embedding.EmbeddingModel;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The default model against Python PyTorch at batch 1 in alternating rounds on the same machine: Python (a
 * long-lived process running bench/python/torch_speed.py --interleaved) and Java take turns, the one going first
 * alternating too, so that drift in the machine's speed (a shared, noisy host) falls on both sides alike. The
 * verdict is the median over rounds of Python's median time / Java's median time.
 */
final class InterleavedSpeed {

    private InterleavedSpeed() {
    }

    static Map<String, Object> run(EmbeddingModel model, List<BufferedImage> images, int rounds, int runs)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "bench/python/torch_speed.py",
                "--interleaved", Integer.toString(runs)).redirectError(ProcessBuilder.Redirect.INHERIT);
        // Idle OpenMP threads of one side must not spin on the cores while the other side measures.
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process python = builder.start();
        ObjectMapper json = new ObjectMapper();
        List<Double> javaMedians = new ArrayList<>();
        List<Double> pythonMedians = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(python.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
            JsonNode ready = json.readTree(in.readLine());
            model.embed(images.subList(0, 2));
            for (int round = 0; round < rounds; round++) {
                double javaMs;
                double pythonMs;
                if (round % 2 == 0) {
                    pythonMs = pythonRound(in, out, json);
                    javaMs = javaRound(model, images, runs, round);
                } else {
                    javaMs = javaRound(model, images, runs, round);
                    pythonMs = pythonRound(in, out, json);
                }
                javaMedians.add(javaMs);
                pythonMedians.add(pythonMs);
                ratios.add(pythonMs / javaMs);
                System.out.printf("  round %d: Java %.1f ms, Python %.1f ms, ratio %.2f%n", round + 1, javaMs,
                        pythonMs, pythonMs / javaMs);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("torch", ready.get("torch").asText());
            result.put("rounds", rounds);
            result.put("runsPerRound", runs);
            result.put("javaMedianMs", javaMedians.stream().map(v -> Stats.round(v, 1)).toList());
            result.put("pythonMedianMs", pythonMedians.stream().map(v -> Stats.round(v, 1)).toList());
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            result.put("ratioMedian", Stats.round(Stats.percentile(sorted, 50), 2));
            result.put("ratioMin", Stats.round(sorted[0], 2));
            result.put("ratioMax", Stats.round(sorted[sorted.length - 1], 2));
            return result;
        } finally {
            python.destroy();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double pythonRound(BufferedReader in, Writer out, ObjectMapper json) throws Exception {
        pause();
        out.write("go\n");
        out.flush();
        JsonNode times = json.readTree(in.readLine()).get("ms");
        double[] ms = new double[times.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = times.get(i).asDouble();
        }
        return Stats.percentile(ms, 50);
    }

    private static double javaRound(EmbeddingModel model, List<BufferedImage> images, int runs, int round)
            throws InterruptedException {
        pause();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            BufferedImage image = images.get((round * runs + i) % images.size());
            long t = System.nanoTime();
            model.embed(image);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return Stats.percentile(ms, 50);
    }

    /** Lets the other side's threads go idle before measuring. */
    private static void pause() throws InterruptedException {
        Thread.sleep(300);
    }
}
