package dev.visualsearch.catalog.image;

import java.awt.image.BufferedImage;

/**
 * An upload that decoded cleanly: the original bytes and their SHA-256 (the content address), and the pixels as
 * upright RGB with any transparency composited on white, which is what every model sees.
 */
public record DecodedImage(byte[] bytes, String sha256, ImageFormat format, BufferedImage rgb) {

    public int width() {
        return rgb.getWidth();
    }

    public int height() {
        return rgb.getHeight();
    }
}
