package dev.visualsearch.embedding.framing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Frames the product when it stands on a plain background, as catalogue shots and cut-outs do (transparency has
 * already been composited on white by the decoder): the background colour is the median of the border pixels, and
 * when most of the border agrees with it, the object is the box of the pixels that differ from it. That box, with a
 * margin, is centred in a square padded with the background colour, so that an object fills the model's input the
 * same way whether it was shot small in a corner or large in the middle. On a busy background (a photograph) the
 * border does not agree and the whole image is kept.
 */
public final class ObjectFraming implements Framing {

    /** A pixel belongs to the background when no channel differs from the background colour by more than this. */
    static final int TOLERANCE = 24;
    /** Share of the border that must match the background colour for the background to count as plain. */
    static final double PLAIN_BORDER = 0.9;
    /** Margin around the object, as a share of its longer side. */
    static final double MARGIN = 0.06;
    /** Objects smaller than this share of the image are treated as noise: the whole image is kept. */
    static final double MIN_AREA = 0.002;

    @Override
    public String id() {
        return "object";
    }

    @Override
    public Framed frame(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        OptionalInt plain = plainBackground(rgb, width, height);
        return plain.isEmpty() ? Framed.whole(image) : frameOn(image, rgb, plain.getAsInt());
    }

    /** The framing of an image already known to stand on the plain {@code background} ({@code rgb}: its pixels). */
    Framed frameOn(BufferedImage image, int[] rgb, int background) {
        int width = image.getWidth();
        int height = image.getHeight();
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        long count = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!near(rgb[y * width + x], background)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                    count++;
                }
            }
        }
        if (count < MIN_AREA * width * height) {
            return Framed.whole(image);
        }
        int boxW = maxX - minX + 1;
        int boxH = maxY - minY + 1;
        int side = (int) Math.ceil(Math.max(boxW, boxH) * (1 + 2 * MARGIN) - 1e-9);
        int x = minX + boxW / 2 - side / 2;
        int y = minY + boxH / 2 - side / 2;
        return new Framed(cut(image, x, y, side, new Color(background)), x, y, side, side);
    }

    /** The square at (x, y) of the given side, padded with {@code fill} where it leaves the image. */
    private static BufferedImage cut(BufferedImage image, int x, int y, int side, Color fill) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(fill);
            g.fillRect(0, 0, side, side);
            g.drawImage(image, -x, -y, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The background colour (the border's median) when at least {@link #PLAIN_BORDER} of the border matches it;
     * empty on a busy background. What framing, object proposals and cut-outs all call a plain background.
     */
    static OptionalInt plainBackground(int[] rgb, int width, int height) {
        return plainBorder(border(rgb, width, height));
    }

    /** As {@link #plainBackground(int[], int, int)}, reading only the border's pixels of {@code image}. */
    static OptionalInt plainBackground(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int depth = Math.min(width, height) >= 16 ? 2 : 1;
        int[] out = new int[2 * depth * (width + height)];
        int n = 0;
        for (int d = 0; d < depth; d++) {
            n = append(out, n, image.getRGB(0, d, width, 1, null, 0, width));
            n = append(out, n, image.getRGB(0, height - 1 - d, width, 1, null, 0, width));
            n = append(out, n, image.getRGB(d, 0, 1, height, null, 0, 1));
            n = append(out, n, image.getRGB(width - 1 - d, 0, 1, height, null, 0, 1));
        }
        return plainBorder(Arrays.copyOf(out, n));
    }

    private static int append(int[] out, int at, int[] pixels) {
        System.arraycopy(pixels, 0, out, at, pixels.length);
        return at + pixels.length;
    }

    private static OptionalInt plainBorder(int[] border) {
        int background = median(border);
        long plain = Arrays.stream(border).filter(p -> near(p, background)).count();
        return plain < PLAIN_BORDER * border.length ? OptionalInt.empty() : OptionalInt.of(background);
    }

    /** The outermost ring of pixels, two deep (one deep for tiny images). */
    static int[] border(int[] rgb, int width, int height) {
        int depth = Math.min(width, height) >= 16 ? 2 : 1;
        int[] out = new int[2 * depth * (width + height)];
        int n = 0;
        for (int d = 0; d < depth; d++) {
            for (int x = 0; x < width; x++) {
                out[n++] = rgb[d * width + x];
                out[n++] = rgb[(height - 1 - d) * width + x];
            }
            for (int y = 0; y < height; y++) {
                out[n++] = rgb[y * width + d];
                out[n++] = rgb[y * width + width - 1 - d];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The per-channel median colour. */
    static int median(int[] pixels) {
        int[] r = new int[pixels.length];
        int[] g = new int[pixels.length];
        int[] b = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            r[i] = (pixels[i] >> 16) & 0xFF;
            g[i] = (pixels[i] >> 8) & 0xFF;
            b[i] = pixels[i] & 0xFF;
        }
        Arrays.sort(r);
        Arrays.sort(g);
        Arrays.sort(b);
        int mid = pixels.length / 2;
        return (r[mid] << 16) | (g[mid] << 8) | b[mid];
    }

    static boolean near(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) <= TOLERANCE
                && Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)) <= TOLERANCE
                && Math.abs((a & 0xFF) - (b & 0xFF)) <= TOLERANCE;
    }
}
