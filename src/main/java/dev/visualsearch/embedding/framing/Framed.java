package dev.visualsearch.embedding.framing;

import java.awt.image.BufferedImage;

/**
 * What the model sees of an image: {@code image}, cut from the source at {@code x, y, width, height} (source pixels;
 * the box may reach past the source's edges, where the image is padded with the background). Explanations draw the
 * model's heatmap back onto that box.
 */
public record Framed(BufferedImage image, int x, int y, int width, int height) {

    public static Framed whole(BufferedImage image) {
        return new Framed(image, 0, 0, image.getWidth(), image.getHeight());
    }

    public boolean isWhole(BufferedImage source) {
        return x == 0 && y == 0 && width == source.getWidth() && height == source.getHeight();
    }
}
