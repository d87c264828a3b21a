package dev.visualsearch.adapt;

import dev.visualsearch.embedding.framing.PlainBackground;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Altered views of a catalogue image, each one a change a shopper's photo brings that should not change which
 * product it is: the object on another background (plain, gradient, noise, or other products of the catalogue
 * standing around it), moved and scaled in the frame, a colour cast, less contrast, blur, grey. The object is cut out
 * where its background is plain ({@link PlainBackground}); an image on a busy background is only cropped and
 * recoloured. With salient framing on, the adapt job draws {@link #photoLike} views instead, which add what a
 * photograph changes. Every view is drawn from a {@link Random} seeded by (seed, product id,
 * view number), so the same catalogue gives the same views on every machine.
 */
public final class ProductViews {

    /** Side of a view in pixels (the default model's input). */
    static final int SIDE = 299;

    private final long seed;
    private final boolean photoLike;

    /** The views the adapt head was first measured with: backgrounds, framing and colour. */
    public ProductViews(long seed) {
        this(seed, false);
    }

    private ProductViews(long seed, boolean photoLike) {
        this.seed = seed;
        this.photoLike = photoLike;
    }

    /**
     * Views that also carry what separates a photograph from a catalogue render: the object mirrored, tilted up to
     * 15 degrees and stretched up to 25 % in one direction, lit unevenly, with sensor grain, and one view in four on
     * white (where a salient cut-out of a photo lands).
     */
    public static ProductViews photoLike(long seed) {
        return new ProductViews(seed, true);
    }

    /**
     * The recipe's name, which the head learned from these views carries in its kind: {@code photo} for the
     * photo-like views; none for the first recipe, so that heads learned with it keep their ids.
     */
    public String recipe() {
        return photoLike ? "photo" : "";
    }

    /**
     * {@code perProduct} views of each product of a batch, product by product; a view's neighbours on a cluttered
     * background are the batch's other images, so memory stays one batch whatever the catalogue's size.
     */
    public List<BufferedImage> views(List<Long> productIds, List<BufferedImage> images, int perProduct) {
        List<BufferedImage> out = new java.util.ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<BufferedImage> others = new java.util.ArrayList<>(images);
            others.remove(i);
            for (int v = 0; v < perProduct; v++) {
                out.add(view(productIds.get(i), images.get(i), v, others));
            }
        }
        return out;
    }

    /**
     * View number {@code view} of product {@code productId}; {@code others} are other catalogue images it may be
     * shown among (may be empty).
     */
    public BufferedImage view(long productId, BufferedImage image, int view, List<BufferedImage> others) {
        Random random = new Random(seed * 1_000_003L + productId * 7_919L + view);
        Optional<BufferedImage> cutOut = PlainBackground.cutOut(image);
        if (!photoLike) {
            BufferedImage composed = cutOut.map(object -> onBackground(object, others, random))
                    .orElseGet(() -> cropped(image, random));
            return recoloured(composed, random);
        }
        BufferedImage composed = cutOut.map(object -> PhotoLikeAlterations.posed(object, random))
                .map(object -> random.nextDouble() < 0.25 ? onWhite(object, random)
                        : onBackground(object, others, random))
                .orElseGet(() -> cropped(image, random));
        return PhotoLikeAlterations.lightAndGrain(recoloured(composed, random), random);
    }

    private static BufferedImage onWhite(BufferedImage object, Random random) {
        BufferedImage canvas = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIDE, SIDE);
            int side = (int) Math.round(SIDE * (0.6 + 0.3 * random.nextDouble()));
            g.drawImage(object, (SIDE - side) / 2, (SIDE - side) / 2, side, side, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static BufferedImage onBackground(BufferedImage object, List<BufferedImage> others, Random random) {
        BufferedImage canvas = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            int kind = random.nextInt(others.isEmpty() ? 3 : 4);
            switch (kind) {
                case 0 -> {
                    g.setColor(colour(random));
                    g.fillRect(0, 0, SIDE, SIDE);
                }
                case 1 -> {
                    g.setPaint(new GradientPaint(0, 0, colour(random), SIDE, SIDE, colour(random)));
                    g.fillRect(0, 0, SIDE, SIDE);
                }
                case 2 -> noise(g, random);
                default -> among(g, others, random);
            }
            double scale = 0.45 + 0.5 * random.nextDouble();
            int side = (int) Math.round(SIDE * scale);
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(object, random.nextInt(SIDE - side + 1), random.nextInt(SIDE - side + 1), side, side, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Two to four other products, cut out where they can be, scattered over a plain colour. */
    private static void among(Graphics2D g, List<BufferedImage> others, Random random) {
        g.setColor(colour(random));
        g.fillRect(0, 0, SIDE, SIDE);
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            BufferedImage other = others.get(random.nextInt(others.size()));
            BufferedImage drawn = PlainBackground.cutOut(other).orElse(other);
            int side = (int) Math.round(SIDE * (0.3 + 0.4 * random.nextDouble()));
            g.drawImage(drawn, random.nextInt(SIDE) - side / 2, random.nextInt(SIDE) - side / 2, side, side, null);
        }
    }

    private static void noise(Graphics2D g, Random random) {
        Color base = colour(random);
        for (int y = 0; y < SIDE; y += 4) {
            for (int x = 0; x < SIDE; x += 4) {
                int d = random.nextInt(81) - 40;
                g.setColor(new Color(clip(base.getRed() + d), clip(base.getGreen() + d), clip(base.getBlue() + d)));
                g.fillRect(x, y, 4, 4);
            }
        }
    }

    /** A square crop of 70-100 % of the shorter side, anywhere in the image. */
    private static BufferedImage cropped(BufferedImage image, Random random) {
        int shorter = Math.min(image.getWidth(), image.getHeight());
        int side = Math.max(1, (int) Math.round(shorter * (0.7 + 0.3 * random.nextDouble())));
        int x = random.nextInt(image.getWidth() - side + 1);
        int y = random.nextInt(image.getHeight() - side + 1);
        BufferedImage out = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, SIDE, SIDE, x, y, x + side, y + side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Brightness and contrast +-25 %, saturation 0.6-1.4 (grey one time in five), blur one time in three. */
    private static BufferedImage recoloured(BufferedImage image, Random random) {
        double brightness = 0.75 + 0.5 * random.nextDouble();
        double contrast = 0.75 + 0.5 * random.nextDouble();
        double saturation = random.nextDouble() < 0.2 ? 0 : 0.6 + 0.8 * random.nextDouble();
        boolean blur = random.nextDouble() < 1 / 3.0;
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            double r = (rgb[i] >> 16) & 0xFF;
            double gr = (rgb[i] >> 8) & 0xFF;
            double b = rgb[i] & 0xFF;
            double grey = 0.299 * r + 0.587 * gr + 0.114 * b;
            r = grey + saturation * (r - grey);
            gr = grey + saturation * (gr - grey);
            b = grey + saturation * (b - grey);
            rgb[i] = (clip(tone(r, brightness, contrast)) << 16) | (clip(tone(gr, brightness, contrast)) << 8)
                    | clip(tone(b, brightness, contrast));
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, rgb, 0, width);
        if (!blur) {
            return out;
        }
        float[] box = new float[25];
        java.util.Arrays.fill(box, 1 / 25f);
        BufferedImage blurred = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        new ConvolveOp(new Kernel(5, 5, box), ConvolveOp.EDGE_NO_OP, null).filter(out, blurred);
        return blurred;
    }

    private static int tone(double value, double brightness, double contrast) {
        return (int) Math.round(((value - 128) * contrast + 128) * brightness);
    }

    private static Color colour(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static int clip(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
