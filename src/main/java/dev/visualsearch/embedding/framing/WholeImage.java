package dev.visualsearch.embedding.framing;

import java.awt.image.BufferedImage;

/** The whole image, as uploaded. */
public final class WholeImage implements Framing {

    @Override
    public String id() {
        return "none";
    }

    @Override
    public Framed frame(BufferedImage image) {
        return Framed.whole(image);
    }
}
