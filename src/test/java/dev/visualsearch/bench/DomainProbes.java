package dev.visualsearch.bench;

import dev.visualsearch.adapt.PhotoShift;
import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.embedding.framing.SalientFraming;
import dev.visualsearch.index.ScoreCalibration;
import dev.visualsearch.index.whitening.Whitening;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Photo-domain corrections tried on top of salient framing and the photo-like head, each an ablation row beside the
 * service's photo shift (mean alignment in the model's space): the mean alignment in the head's space instead, the
 * two in turn, CORAL's variance term (per dimension, and along the pool's own principal directions), and query-side
 * image changes (a mirrored copy averaged in; colours made more vivid before the mask). Only the queries the border
 * test takes for busy photos are changed, as the service does.
 */
final class DomainProbes {

    /** The vectors of a transformed copy of some images, cached under the variant's name. */
    interface VariantVectors {
        float[][] of(String variant) throws IOException;
    }

    private DomainProbes() {
    }

    static void run(Map<String, Object> rows, QualityEval.EvalSet set, String base, float[][] g, float[][] q,
                    Whitening head, float[][] pool, VariantVectors queriesOf, VariantVectors poolOf,
                    VariantVectors galleryOf, float[][] photoViews, float[][] unsold) throws IOException {
        if (pool.length == 0) {
            return;
        }
        boolean[] busy = new boolean[q.length];
        for (int i = 0; i < q.length; i++) {
            busy[i] = SalientFraming.isBusy(set.queries().get(i));
        }
        float[][] hg = QualityEval.apply(head, g);
        float[][] hq = QualityEval.apply(head, q);
        float[][] hp = QualityEval.apply(head, pool);
        for (double a : new double[] {0.5, 1.0, 1.5, 2.0}) {
            PhotoShift inHead = PhotoShift.learn(Arrays.asList(hg), Arrays.asList(hp), a);
            QualityEval.row(rows, base + " +head-space shift a=" + a, set, onBusy(busy, hq, inHead::apply), hg);
        }
        PhotoShift model = PhotoShift.learn(Arrays.asList(g), Arrays.asList(pool), 1.0);
        float[][] hShiftedPool = QualityEval.apply(head, Arrays.stream(pool).map(model::apply)
                .toArray(float[][]::new));
        PhotoShift residual = PhotoShift.learn(Arrays.asList(hg), Arrays.asList(hShiftedPool), 1.0);
        // The service's search: the model-space shift on busy queries, then the head.
        float[][] shiftedQueries = QualityEval.apply(head, onBusy(busy, q, model::apply));
        QualityEval.row(rows, base + " +photo shift a=1.0 +head-space residual shift", set,
                onBusy(busy, shiftedQueries, residual::apply), hg);

        for (double k : new double[] {5, 20, 80}) {
            DiagonalCoral coral = DiagonalCoral.learn(hg, hp, k);
            QualityEval.row(rows, base + " +head-space diagonal CORAL k=" + k, set, onBusy(busy, hq, coral::apply),
                    hg);
        }
        for (double s : new double[] {0.5, 1.0, 4.0}) {
            SubspaceCoral coral = SubspaceCoral.learn(hg, hp, s);
            QualityEval.row(rows, base + " +head-space pool-subspace CORAL s=" + s, set,
                    onBusy(busy, hq, coral::apply), hg);
        }

        boolean[] busyUnsold = new boolean[unsold.length];
        for (int i = 0; i < unsold.length; i++) {
            busyUnsold[i] = SalientFraming.isBusy(set.unsold().get(i));
        }
        photoCalibration(rows, set, base, busy, busyUnsold, hg, shiftedQueries, hShiftedPool,
                QualityEval.apply(head, onBusy(busyUnsold, unsold, model::apply)));

        // Hubness: products near many photos of the pool pull every photo query; CSLS (Conneau et al. 2018) takes
        // the mean cosine of each product to its k nearest pool photos off its score, for busy queries.
        for (int k : new int[] {3, 5, 10}) {
            for (double beta : new double[] {0.5, 1.0}) {
                QualityEval.row(rows, base + " +CSLS k=" + k + " b=" + beta, set, csls(busy, hq, k),
                        cslsGallery(hg, hp, k, beta));
                QualityEval.row(rows, base + " +photo shift a=1.0 +CSLS k=" + k + " b=" + beta, set,
                        csls(busy, shiftedQueries, k), cslsGallery(hg, hShiftedPool, k, beta));
            }
        }

        // Database-side: each product's vector averaged with its photo-like views' (the head's own training views).
        int perProduct = photoViews.length / g.length;
        for (double beta : new double[] {0.5, 1.0}) {
            float[][] augmented = new float[g.length][];
            for (int p = 0; p < g.length; p++) {
                float[] sum = g[p].clone();
                for (int v = 0; v < perProduct; v++) {
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += (float) (beta / perProduct) * photoViews[p * perProduct + v][j];
                    }
                }
                augmented[p] = Vectors.normalise(sum);
            }
            float[][] ha = QualityEval.apply(head, augmented);
            QualityEval.row(rows, base + " +gallery averaged with its photo-like views b=" + beta, set, hq, ha);
            PhotoShift shift = PhotoShift.learn(Arrays.asList(augmented), Arrays.asList(pool), 1.0);
            QualityEval.row(rows, base + " +gallery averaged with its photo-like views b=" + beta
                    + " +photo shift a=1.0", set, QualityEval.apply(head, onBusy(busy, q, shift::apply)), ha);
        }

        // Query-side image changes, each with the service's shift learned from the pool changed the same way; on the
        // photos only (a changed copy of a busy image costs another IS-Net mask).
        for (String variant : set.name().equals("photos") ? List.of("flip", "vivid") : List.<String>of()) {
            float[][] qv = queriesOf.of(variant);
            float[][] pv = poolOf.of(variant);
            float[][] changed = variant.equals("flip") ? average(q, qv) : qv;
            float[][] changedPool = variant.equals("flip") ? average(pool, pv) : pv;
            float[][] merged = new float[q.length][];
            for (int i = 0; i < q.length; i++) {
                merged[i] = busy[i] ? changed[i] : q[i];
            }
            QualityEval.row(rows, base + " +" + variant, set, QualityEval.apply(head, merged), hg);
            PhotoShift shift = PhotoShift.learn(Arrays.asList(g), Arrays.asList(changedPool), 1.0);
            QualityEval.row(rows, base + " +" + variant + " +photo shift a=1.0", set,
                    QualityEval.apply(head, onBusy(busy, merged, shift::apply)), hg);
            if (variant.equals("flip")) {
                // Mirrored copies on both sides: the catalogue's vectors averaged with their mirror images.
                float[][] gf = average(g, galleryOf.of("flip"));
                PhotoShift both = PhotoShift.learn(Arrays.asList(gf), Arrays.asList(changedPool), 1.0);
                QualityEval.row(rows, base + " +flip both sides +photo shift a=1.0", set,
                        QualityEval.apply(head, onBusy(busy, merged, both::apply)), QualityEval.apply(head, gf));
            }
        }
    }

    static List<BufferedImage> transform(List<BufferedImage> images, String variant) {
        return images.stream().map(image -> variant.equals("flip") ? mirrored(image) : vivid(image)).toList();
    }

    private static float[][] onBusy(boolean[] busy, float[][] vectors, java.util.function.UnaryOperator<float[]> f) {
        float[][] out = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            out[i] = busy[i] ? f.apply(vectors[i]) : vectors[i];
        }
        return out;
    }

    /**
     * The no-close-match verdict for photo queries calibrated on photos: the "unrelated" point is a percentile of
     * the best scores the pool's photos (things of any kind, most of them not sold) reach in the catalogue, instead
     * of the catalogue's random pairs; the "neighbour" point stays the catalogue's. Queries, pool and unsold photos
     * all shifted (the busy ones) and in the head's space, as the service searches them.
     */
    private static void photoCalibration(Map<String, Object> rows, QualityEval.EvalSet set, String base,
                                         boolean[] busy, boolean[] busyUnsold, float[][] gallery, float[][] queries,
                                         float[][] pool, float[][] unsold) {
        ScoreCalibration catalogue = ScoreCalibration.measure(Arrays.asList(gallery), 42);
        float[] best = new float[pool.length];
        for (int p = 0; p < pool.length; p++) {
            best[p] = QualityEval.nearest(pool[p], gallery)[0];
        }
        Arrays.sort(best);
        for (double percentile : new double[] {0, 0.5, 0.75, 0.9}) {
            ScoreCalibration photos = percentile == 0 ? catalogue : new ScoreCalibration(
                    best[(int) Math.round(percentile * (best.length - 1))], catalogue.neighbour(), catalogue.sample());
            int correct = 0;
            int correctNoMatch = 0;
            int wrong = 0;
            int wrongNoMatch = 0;
            for (int i = 0; i < queries.length; i++) {
                float[] top = QualityEval.nearest(queries[i], gallery);
                boolean noMatch = !(busy[i] ? photos : catalogue).isCloseMatch(top[0]);
                if (set.correct().get(i).contains(set.labels().get((int) top[1]))) {
                    correct++;
                    correctNoMatch += noMatch ? 1 : 0;
                } else {
                    wrong++;
                    wrongNoMatch += noMatch ? 1 : 0;
                }
            }
            int unsoldNoMatch = 0;
            for (int i = 0; i < unsold.length; i++) {
                float top = QualityEval.nearest(unsold[i], gallery)[0];
                unsoldNoMatch += (busyUnsold[i] ? photos : catalogue).isCloseMatch(top) ? 0 : 1;
            }
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("photoUnrelated", photos.unrelated());
            m.put("neighbour", photos.neighbour());
            m.put("correctCalledNoMatch", Stats.round(correctNoMatch / (double) Math.max(1, correct), 3));
            m.put("wrongCalledNoMatch", Stats.round(wrongNoMatch / (double) Math.max(1, wrong), 3));
            if (unsold.length > 0) {
                m.put("unsoldCalledNoMatch", Stats.round(unsoldNoMatch / (double) unsold.length, 3));
            }
            String name = base + " +photo shift a=1.0 " + (percentile == 0 ? "+catalogue-calibrated verdict"
                    : "+pool-calibrated verdict p=" + percentile);
            rows.put(name, m);
            System.out.printf("  %-60s %s%n", name, m);
        }
    }

    /** Queries with one more coordinate, 1 for busy ones, so that a dot product adds the gallery's penalty. */
    private static float[][] csls(boolean[] busy, float[][] queries, int k) {
        float[][] out = new float[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            out[i] = Arrays.copyOf(queries[i], queries[i].length + 1);
            out[i][queries[i].length] = busy[i] ? 1 : 0;
        }
        return out;
    }

    /** Gallery vectors with one more coordinate: -beta times the mean cosine to their k nearest pool photos. */
    private static float[][] cslsGallery(float[][] gallery, float[][] pool, int k, double beta) {
        float[][] out = new float[gallery.length][];
        for (int i = 0; i < gallery.length; i++) {
            double[] cosines = new double[pool.length];
            for (int p = 0; p < pool.length; p++) {
                cosines[p] = Vectors.dot(gallery[i], pool[p]);
            }
            Arrays.sort(cosines);
            double sum = 0;
            int taken = Math.min(k, pool.length);
            for (int t = 0; t < taken; t++) {
                sum += cosines[pool.length - 1 - t];
            }
            out[i] = Arrays.copyOf(gallery[i], gallery[i].length + 1);
            out[i][gallery[i].length] = (float) (-beta * sum / taken);
        }
        return out;
    }

    private static float[][] average(float[][] a, float[][] b) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            float[] sum = new float[a[i].length];
            for (int j = 0; j < sum.length; j++) {
                sum[j] = a[i][j] + b[i][j];
            }
            out[i] = Vectors.normalise(sum);
        }
        return out;
    }

    private static BufferedImage mirrored(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(w - 1 - x, y, image.getRGB(x, y));
            }
        }
        return out;
    }

    /** Saturation x1.6 and a mild contrast lift: photos toward the catalogue's flat, saturated renders. */
    private static BufferedImage vivid(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] hsb = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                java.awt.Color.RGBtoHSB((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, hsb);
                float s = Math.min(1f, hsb[1] * 1.6f);
                float b = Math.min(1f, Math.max(0f, (hsb[2] - 0.5f) * 1.15f + 0.5f));
                out.setRGB(x, y, java.awt.Color.HSBtoRGB(hsb[0], s, b) & 0xFFFFFF);
            }
        }
        return out;
    }

    /** CORAL's variance term per dimension: each coordinate rescaled from the pool's spread to the catalogue's. */
    private record DiagonalCoral(double[] mg, double[] sg, double[] mp, double[] sp) {

        /** {@code k}: pseudo-photos at the catalogue's variance added to the pool's (shrinkage of 20 samples). */
        static DiagonalCoral learn(float[][] catalogue, float[][] photos, double k) {
            int d = catalogue[0].length;
            double[] mg = mean(catalogue, d);
            double[] mp = mean(photos, d);
            double[] vg = variance(catalogue, mg);
            double[] vp = variance(photos, mp);
            double[] sg = new double[d];
            double[] sp = new double[d];
            for (int j = 0; j < d; j++) {
                sg[j] = Math.sqrt(vg[j]);
                sp[j] = Math.sqrt((photos.length * vp[j] + k * vg[j]) / (photos.length + k));
            }
            return new DiagonalCoral(mg, sg, mp, sp);
        }

        float[] apply(float[] v) {
            float[] out = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                out[j] = (float) ((v[j] - mp[j]) / Math.max(sp[j], 1e-9) * sg[j] + mg[j]);
            }
            return Vectors.normalise(out);
        }
    }

    /**
     * CORAL's variance term along the pool's own principal directions (the only ones 20 photos can estimate): the
     * spread along each is rescaled to the catalogue's spread along it, both shrunk by {@code s} times the mean
     * catalogue variance along them; the means aligned as the shift does.
     */
    private record SubspaceCoral(double[] mg, double[] mp, double[][] directions, double[] scales) {

        static SubspaceCoral learn(float[][] catalogue, float[][] photos, double s) {
            int d = catalogue[0].length;
            double[] mg = mean(catalogue, d);
            double[] mp = mean(photos, d);
            // The pool's principal directions from an unshrunk whitening of it: row i is u_i / sqrt(lambda_i).
            Whitening w = Whitening.learn(Arrays.asList(photos), Integer.MAX_VALUE, 0.0, 1);
            float[] projection = w.projection();
            int kept = w.dims();
            double[][] directions = new double[kept][d];
            double[] lp = new double[kept];
            double[] lg = new double[kept];
            double meanG = 0;
            for (int i = 0; i < kept; i++) {
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm += (double) projection[i * d + j] * projection[i * d + j];
                }
                lp[i] = 1 / norm;
                for (int j = 0; j < d; j++) {
                    directions[i][j] = projection[i * d + j] / Math.sqrt(norm);
                }
                double sum = 0;
                for (float[] c : catalogue) {
                    double t = 0;
                    for (int j = 0; j < d; j++) {
                        t += directions[i][j] * (c[j] - mg[j]);
                    }
                    sum += t * t;
                }
                lg[i] = sum / catalogue.length;
                meanG += lg[i] / kept;
            }
            double[] scales = new double[kept];
            for (int i = 0; i < kept; i++) {
                scales[i] = Math.sqrt((lg[i] + s * meanG) / (lp[i] + s * meanG));
            }
            return new SubspaceCoral(mg, mp, directions, scales);
        }

        float[] apply(float[] v) {
            int d = v.length;
            double[] c = new double[d];
            for (int j = 0; j < d; j++) {
                c[j] = v[j] - mp[j];
            }
            double[] out = c.clone();
            for (int i = 0; i < directions.length; i++) {
                double t = 0;
                for (int j = 0; j < d; j++) {
                    t += directions[i][j] * c[j];
                }
                double change = (scales[i] - 1) * t;
                for (int j = 0; j < d; j++) {
                    out[j] += change * directions[i][j];
                }
            }
            float[] result = new float[d];
            for (int j = 0; j < d; j++) {
                result[j] = (float) (out[j] + mg[j]);
            }
            return Vectors.normalise(result);
        }
    }

    private static double[] mean(float[][] vectors, int d) {
        double[] m = new double[d];
        for (float[] v : vectors) {
            for (int j = 0; j < d; j++) {
                m[j] += v[j] / vectors.length;
            }
        }
        return m;
    }

    private static double[] variance(float[][] vectors, double[] mean) {
        double[] var = new double[mean.length];
        for (float[] v : vectors) {
            for (int j = 0; j < mean.length; j++) {
                var[j] += (v[j] - mean[j]) * (v[j] - mean[j]) / vectors.length;
            }
        }
        return var;
    }
}
