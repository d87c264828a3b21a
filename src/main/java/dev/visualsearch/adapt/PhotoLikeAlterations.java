package dev.visualsearch.adapt;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * What a photograph of a product does that a catalogue render does not: the object seen from the other side, tilted,
 * in other proportions, lit from one side, and with sensor grain. Used by {@link ProductViews#photoLike}.
 */
final class PhotoLikeAlterations {

    private PhotoLikeAlterations() {
    }

    /** The cut-out (with alpha) mirrored half the time, tilted by up to 15 degrees and stretched by up to 25 %. */
    static BufferedImage posed(BufferedImage object, Random random) {
        boolean mirror = random.nextBoolean();
        double tilt = Math.toRadians(-15 + 30 * random.nextDouble());
        double stretch = 0.8 + 0.45 * random.nextDouble();
        int w = object.getWidth();
        int h = object.getHeight();
        int side = (int) Math.ceil(Math.hypot(w * Math.max(1, stretch), h));
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            AffineTransform t = new AffineTransform();
            t.translate(side / 2.0, side / 2.0);
            t.rotate(tilt);
            t.scale(mirror ? -stretch : stretch, 1);
            t.translate(-w / 2.0, -h / 2.0);
            g.drawImage(object, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Light that falls off across the frame in a random direction (60-120 % of the exposure, half the time) and
     * Gaussian grain (sigma 3-10 grey levels, one time in three).
     */
    static BufferedImage lightAndGrain(BufferedImage image, Random random) {
        boolean lit = random.nextBoolean();
        double angle = 2 * Math.PI * random.nextDouble();
        double low = 0.6 + 0.2 * random.nextDouble();
        double high = 1.0 + 0.2 * random.nextDouble();
        boolean grain = random.nextDouble() < 1 / 3.0;
        double sigma = 3 + 7 * random.nextDouble();
        if (!lit && !grain) {
            return image;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Position along the direction of the light, within 0..1 over the frame.
                double along = ((x / (double) width - 0.5) * dx + (y / (double) height - 0.5) * dy) / Math.sqrt(2)
                        + 0.5;
                double gain = lit ? low + (high - low) * along : 1;
                double noise = grain ? sigma * random.nextGaussian() : 0;
                int i = y * width + x;
                int r = channel((rgb[i] >> 16) & 0xFF, gain, noise);
                int g = channel((rgb[i] >> 8) & 0xFF, gain, noise);
                int b = channel(rgb[i] & 0xFF, gain, noise);
                rgb[i] = (r << 16) | (g << 8) | b;
            }
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    private static int channel(int value, double gain, double noise) {
        return Math.max(0, Math.min(255, (int) Math.round(value * gain + noise)));
    }
}
