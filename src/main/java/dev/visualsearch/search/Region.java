package dev.visualsearch.search;

import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.common.Digests;
import dev.visualsearch.common.error.ApiProblem;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The part of a query image to search with: {@code x, y, w, h} as fractions of the image's width and height (0..1,
 * origin top left), as {@code POST /api/search} takes it in {@code box} and {@code POST /api/objects} proposes it.
 */
public record Region(double x, double y, double w, double h) {

    /** Rounding slack: a box drawn to the edge may end a hair past 1. */
    private static final double SLACK = 1e-6;
    /** A region smaller than this many pixels on a side holds too little for the model to see an object. */
    public static final int MIN_PIXELS = 16;

    public Region {
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h))) {
            throw ApiProblem.badRequest("box values must be numbers");
        }
        if (x < 0 || y < 0 || x > 1 || y > 1) {
            throw ApiProblem.badRequest("box x and y must lie between 0 and 1 (fractions of the image)");
        }
        if (w <= 0 || h <= 0) {
            throw ApiProblem.badRequest("box w and h must be greater than 0");
        }
        if (x + w > 1 + SLACK || y + h > 1 + SLACK) {
            throw ApiProblem.badRequest("box must lie inside the image: x + w and y + h must not exceed 1");
        }
    }

    /** {@code "x,y,w,h"}; null or blank means the whole image. */
    public static Region parse(String box) {
        if (box == null || box.isBlank()) {
            return null;
        }
        String[] parts = box.split(",");
        if (parts.length != 4) {
            throw ApiProblem.badRequest("box must be four numbers x,y,w,h (fractions of the image), not '" + box + "'");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("box must be four numbers x,y,w,h (fractions of the image), not '" + box
                        + "'");
            }
        }
        return new Region(v[0], v[1], v[2], v[3]);
    }

    /** The region of {@code image} as an image of its own (PNG): what is embedded, kept and explained. */
    public DecodedImage cropOf(DecodedImage image) {
        int width = image.width();
        int height = image.height();
        int left = (int) Math.floor(x * width);
        int top = (int) Math.floor(y * height);
        int right = Math.min(width, (int) Math.ceil((x + w) * width));
        int bottom = Math.min(height, (int) Math.ceil((y + h) * height));
        if (right - left < MIN_PIXELS || bottom - top < MIN_PIXELS) {
            throw ApiProblem.badRequest(String.format(Locale.ROOT, "The box covers %d x %d pixels of this %d x %d "
                    + "image; draw one of at least %d x %d pixels", right - left, bottom - top, width, height,
                    MIN_PIXELS, MIN_PIXELS));
        }
        BufferedImage crop = new BufferedImage(right - left, bottom - top, BufferedImage.TYPE_INT_RGB);
        crop.getGraphics().drawImage(image.rgb().getSubimage(left, top, right - left, bottom - top), 0, 0, null);
        byte[] png = png(crop);
        return new DecodedImage(png, HexFormat.of().formatHex(Digests.of("SHA-256", png)), ImageFormat.PNG, crop);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", x, y, w, h);
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
