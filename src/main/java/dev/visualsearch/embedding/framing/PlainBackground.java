package dev.visualsearch.embedding.framing;

import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The object of an image shot on a plain background, cut out: the background colour and the test for a plain
 * border are {@link ObjectFraming}'s, so what counts as the object here is exactly what framing crops to.
 */
public final class PlainBackground {

    private PlainBackground() {
    }

    /**
     * The image as ARGB with every background pixel transparent, when its border is plain; empty on a busy
     * background (nothing can be told apart there) or when too little of the image differs from it.
     */
    public static Optional<BufferedImage> cutOut(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        OptionalInt plain = ObjectFraming.plainBackground(rgb, width, height);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        int background = plain.getAsInt();
        int[] argb = new int[rgb.length];
        long object = 0;
        for (int i = 0; i < rgb.length; i++) {
            if (ObjectFraming.near(rgb[i], background)) {
                argb[i] = 0;
            } else {
                argb[i] = 0xFF000000 | (rgb[i] & 0xFFFFFF);
                object++;
            }
        }
        if (object < ObjectFraming.MIN_AREA * rgb.length) {
            return Optional.empty();
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, width, height, argb, 0, width);
        return Optional.of(out);
    }
}
