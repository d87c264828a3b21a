package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The picture of docs/performance.md: p50 latency and recall@10 of one query against the catalogue's size, per
 * index, drawn from the benchmark files kept in docs/bench (the suite's results.json, the exact-scan run's
 * exact.json, the compressed-index run's compressed.json, the OpenSearch runs' console lines), each series labelled with the machine and day it was measured
 * on. Only measured points are drawn; a series lacks a size it was not run at. Run:
 * {@code ./mvnw -Pbench verify -Dbench.mode=plot} (the full suite draws it too).
 */
final class BenchPlot {

    private static final Path DIR = Path.of("docs/bench");
    private static final Path OUT = DIR.resolve("latency-recall.png");
    private static final int[] SIZES = {10_000, 100_000, 1_000_000};
    private static final Pattern CONSOLE = Pattern.compile(
            "\\{backend=([^,]+), vectors=(\\d+), .*?p50Ms=([0-9.]+), .*?recallAt10=([0-9.]+)");

    /** One line of the plot: its label and its measured (size, p50 ms, recall@10) points. */
    record Series(String label, Color colour, List<double[]> points) {
    }

    private BenchPlot() {
    }

    static void run() throws IOException {
        List<Series> series = series();
        draw(series, OUT);
        System.out.println("Wrote " + OUT + " (" + series.size() + " series)");
    }

    static List<Series> series() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Series> out = new ArrayList<>();
        Path results = DIR.resolve("results.json");
        if (Files.exists(results)) {
            JsonNode root = json.readTree(results.toFile());
            String when = machine(root.path("machine"));
            Map<String, String[]> wanted = new LinkedHashMap<>();
            wanted.put("exact (", new String[] {"exact scan, float (" + when + ")", "#1f77b4"});
            wanted.put("faiss HNSW32 ef64", new String[] {"FAISS HNSW32 ef64 (" + when + ")", "#2ca02c"});
            wanted.put("faiss IVF", new String[] {"FAISS IVF nprobe16 (" + when + ")", "#9467bd"});
            for (var w : wanted.entrySet()) {
                List<double[]> points = new ArrayList<>();
                for (var size : root.path("search")) {
                    for (JsonNode row : size) {
                        String backend = row.path("backend").asText();
                        boolean ivf16 = !w.getKey().startsWith("faiss IVF") || backend.endsWith("nprobe16");
                        if (backend.startsWith(w.getKey()) && ivf16 && !backend.contains("8-bit")) {
                            points.add(new double[] {row.path("vectors").asDouble(), row.path("p50Ms").asDouble(),
                                    row.path("recallAt10").asDouble()});
                        }
                    }
                }
                out.add(new Series(w.getValue()[0], Color.decode(w.getValue()[1]), points));
            }
        }
        Path exact = DIR.resolve("exact.json");
        if (Files.exists(exact)) {
            JsonNode root = json.readTree(exact.toFile());
            List<double[]> points = new ArrayList<>();
            for (JsonNode row : root.path("rows")) {
                points.add(new double[] {row.path("vectors").asDouble(), row.path("int8P50Ms").asDouble(),
                        row.path("int8RecallAt10").asDouble()});
            }
            out.add(new Series("exact scan, 8-bit + re-score (" + machine(root.path("machine")) + ")",
                    Color.decode("#17becf"), points));
        }
        Path compressed = DIR.resolve("compressed.json");
        if (Files.exists(compressed)) {
            JsonNode root = json.readTree(compressed.toFile());
            List<double[]> points = new ArrayList<>();
            for (JsonNode row : root.path("rows")) {
                if (row.path("backend").asText().matches("faiss IVF\\d+,SQ8 nprobe8 \\+ rescore")) {
                    points.add(new double[] {row.path("vectors").asDouble(), row.path("p50Ms").asDouble(),
                            row.path("recallAt10").asDouble()});
                }
            }
            out.add(new Series("FAISS IVF-SQ8 nprobe8 + re-score (" + machine(root.path("machine")) + ")",
                    Color.decode("#8c564b"), points));
        }
        out.addAll(console(DIR.resolve("opensearch-1m-2026-11-27.txt"), "Intel Xeon, 2026-11-27"));
        return out;
    }

    /** The OpenSearch run's console lines: its OpenSearch and in-process HNSW rows. */
    private static List<Series> console(Path file, String when) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, List<double[]>> byBackend = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = CONSOLE.matcher(line);
            if (m.find() && !m.group(1).equals("exact")) {
                byBackend.computeIfAbsent(m.group(1), b -> new ArrayList<>()).add(new double[] {
                        Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                        Double.parseDouble(m.group(4))});
            }
        }
        List<Series> out = new ArrayList<>();
        Color[] colours = {Color.decode("#d62728"), Color.decode("#ff7f0e")};
        int c = 0;
        for (var entry : byBackend.entrySet()) {
            out.add(new Series(entry.getKey() + " (" + when + ")", colours[c++ % colours.length], entry.getValue()));
        }
        return out;
    }

    private static String machine(JsonNode machine) {
        return machine.path("cpu").asText("?") + ", " + machine.path("date").asText("?");
    }

    static void draw(List<Series> series, Path file) throws IOException {
        int width = 1300;
        int height = 580;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            Panel latency = new Panel(70, 50, 500, 330, Math.log10(0.1), Math.log10(1000), true);
            Panel recall = new Panel(690, 50, 500, 330, 0.85, 1.0, false);
            latency.axes(g, "p50 ms per query (log scale)");
            recall.axes(g, "recall@10 against the exact scan");
            int legendY = 452;
            for (Series s : series) {
                g.setColor(s.colour());
                g.setStroke(new BasicStroke(2.2f));
                latency.line(g, s.points(), 1);
                recall.line(g, s.points(), 2);
                g.fillRect(70, legendY - 9, 22, 4);
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                g.drawString(s.label(), 100, legendY - 3);
                legendY += 18;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("One query, k = 10, vectors drawn around real embeddings; each series on the machine and day"
                    + " in its label", 70, 28);
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** One chart: x is the catalogue size on a log scale from 10,000 to 1,000,000. */
    private record Panel(int x, int y, int w, int h, double low, double high, boolean logY) {

        int px(double size) {
            return x + (int) Math.round((Math.log10(size) - 4) / 2 * w);
        }

        int py(double value) {
            double v = logY ? Math.log10(Math.max(value, 1e-3)) : value;
            double t = Math.max(0, Math.min(1, (v - low) / (high - low)));
            return y + h - (int) Math.round(t * h);
        }

        void axes(Graphics2D g, String title) {
            g.setColor(new Color(235, 235, 235));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            List<Double> ticks = new ArrayList<>();
            if (logY) {
                for (double t = low; t <= high + 1e-9; t += 1) {
                    ticks.add(Math.pow(10, t));
                }
            } else {
                for (double t = low; t <= high + 1e-9; t += 0.05) {
                    ticks.add(t);
                }
            }
            for (double t : ticks) {
                g.setColor(new Color(230, 230, 230));
                g.drawLine(x, py(t), x + w, py(t));
                g.setColor(Color.GRAY);
                g.drawString(logY ? format(t) : String.format(Locale.ROOT, "%.2f", t), x - 45, py(t) + 4);
            }
            for (int size : SIZES) {
                g.setColor(new Color(230, 230, 230));
                g.drawLine(px(size), y, px(size), y + h);
                g.setColor(Color.GRAY);
                g.drawString(String.format(Locale.ROOT, "%,d", size), px(size) - 25, y + h + 18);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x, y, w, h);
            g.drawString(title, x, y - 8);
            g.drawString("vectors in the index", x + w / 2 - 55, y + h + 36);
        }

        void line(Graphics2D g, List<double[]> points, int column) {
            List<double[]> sorted = points.stream().sorted((a, b) -> Double.compare(a[0], b[0])).toList();
            for (int i = 0; i < sorted.size(); i++) {
                int cx = px(sorted.get(i)[0]);
                int cy = py(sorted.get(i)[column]);
                g.fillOval(cx - 4, cy - 4, 8, 8);
                if (i > 0) {
                    g.drawLine(px(sorted.get(i - 1)[0]), py(sorted.get(i - 1)[column]), cx, cy);
                }
            }
        }

        private static String format(double v) {
            return v < 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
        }
    }
}
