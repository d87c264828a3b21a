package dev.visualsearch.bench;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.embedding.DescriptorModel;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.framing.Framed;
import dev.visualsearch.embedding.framing.ObjectFraming;
import dev.visualsearch.embedding.pooling.RegionalMaxPooling;
import dev.visualsearch.embedding.tfjs.InceptionEmbeddingModel;
import dev.visualsearch.embedding.tfjs.InceptionMixed6Embedder;
import dev.visualsearch.explain.CamMethod;
import dev.visualsearch.explain.GradCam;
import dev.visualsearch.explain.SimilarityMapCam;
import dev.visualsearch.explain.Heatmap;
import dev.visualsearch.explain.CamTarget;
import dev.visualsearch.explain.SimilarityTarget;
import dev.visualsearch.explain.WhitenedSimilarityTarget;
import dev.visualsearch.index.whitening.Whitening;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Where Grad-CAM puts its heat on a catalogue match, before and after this descriptor: for catalogue products
 * queried by their Google drawing, the share of the heat on the product image that falls on the object (its alpha
 * mask), beside the share of the image the object covers (what a map spread evenly would score). "In the search
 * space" targets the cosine the search ranks by, after the PCA whitening learned from the catalogue (as the
 * service explains since 2026-12-05); the other rows target the model's own cosine.
 */
final class HeatOnObject {

    private HeatOnObject() {
    }

    /** {@code -Dbench.mode=heat}: these rows alone (a few minutes), written to {@code target/bench/heat.json}. */
    static void run() throws Exception {
        dev.visualsearch.embedding.djl.DjlEngine.pytorch(0);
        Machine machine = Machine.current();
        List<String> codes = Files.readAllLines(Path.of("data/sample/catalog.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(',')).replace(".webp", "")).toList();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        results.put("heatOnObject", measure(dev.visualsearch.support.Fixtures.nsfwjsTarball(), codes,
                BenchmarkSuite.googleEmoji(Path.of("target/bench")), dev.visualsearch.support.TestDecoders.lenient(),
                40));
        System.out.println("Heat on the object, " + machine.line() + ": " + results.get("heatOnObject")
                + " -> " + BenchReport.writeJson("heat.json", results));
    }

    static Map<String, Object> measure(Path tarball, List<String> codes, Path google, ImageDecoder decoder, int pairs)
            throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (InceptionEmbeddingModel plain = new InceptionEmbeddingModel(InceptionMixed6Embedder.load(tarball));
             InceptionEmbeddingModel fused = new InceptionEmbeddingModel(InceptionMixed6Embedder.load(tarball,
                     List.of("mixed5", "mixed6")))) {
            FeatureMapModel tuned = new DescriptorModel(fused, new RegionalMaxPooling(3), new ObjectFraming());
            List<float[]> catalogue = new java.util.ArrayList<>();
            for (String code : codes) {
                byte[] bytes = Files.readAllBytes(Path.of("data/sample/images", code + ".webp"));
                catalogue.add(tuned.embed(List.of(decoder.decode(bytes).rgb()))[0]);
            }
            Whitening whitening = Whitening.learn(catalogue, 768, 1.0, 42);
            for (CamMethod method : List.of(new GradCam(), new SimilarityMapCam())) {
                out.put("before (mixed6 average, whole image), " + method.id(),
                        shares(plain, method, SimilarityTarget::new, codes, google, decoder, pairs));
                out.put("after (default descriptor), " + method.id(),
                        shares(tuned, method, SimilarityTarget::new, codes, google, decoder, pairs));
                out.put("after, in the search space (PCA whitening), " + method.id(),
                        shares(tuned, method, q -> new WhitenedSimilarityTarget(whitening.apply(q), whitening),
                                codes, google, decoder, pairs));
            }
        }
        return out;
    }

    private static Map<String, Object> shares(FeatureMapModel model, CamMethod method,
                                              Function<float[], CamTarget> target, List<String> codes, Path google,
                                              ImageDecoder decoder, int pairs) throws Exception {
        double heatShare = 0;
        double areaShare = 0;
        int n = 0;
        int step = Math.max(1, codes.size() / pairs);
        for (int i = 0; i < codes.size() && n < pairs; i += step) {
            String code = codes.get(i);
            Path drawing = google.resolve(code + ".png");
            if (!Files.exists(drawing)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(Path.of("data/sample/images", code + ".webp"));
            BufferedImage cutout = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            BufferedImage product = decoder.decode(bytes).rgb();
            float[] q = model.embed(List.of(decoder.decode(Files.readAllBytes(drawing)).rgb()))[0];
            Framed framed = model.framing().frame(product);
            float[] input = model.preprocessor().toNchw(List.of(framed.image()));
            Heatmap grid = method.compute(model, input, target.apply(q)).normalised()
                    .placed(framed, product.getWidth(), product.getHeight(), 96);
            float[] heat = grid.upsample(product.getWidth(), product.getHeight());
            double onObject = 0;
            double total = 0;
            long objectPixels = 0;
            for (int y = 0; y < product.getHeight(); y++) {
                for (int x = 0; x < product.getWidth(); x++) {
                    double h = heat[y * product.getWidth() + x];
                    boolean object = (cutout.getRGB(x, y) >>> 24) > 127;
                    total += h;
                    if (object) {
                        onObject += h;
                        objectPixels++;
                    }
                }
            }
            if (total > 0) {
                heatShare += onObject / total;
                areaShare += objectPixels / (double) (product.getWidth() * product.getHeight());
                n++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", n);
        m.put("heatOnObject", Stats.round(heatShare / n, 3));
        m.put("objectArea", Stats.round(areaShare / n, 3));
        System.out.println("  " + method.id() + " heat on the object, " + model.id() + ": " + m);
        return m;
    }
}
