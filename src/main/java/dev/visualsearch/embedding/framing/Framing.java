package dev.visualsearch.embedding.framing;

import java.awt.image.BufferedImage;
import java.util.Locale;

/** Decides which part of an image the model embeds, before it is resized to the model's input. */
public interface Framing {

    /** Stable short name that becomes part of the model id ({@code none} adds nothing). */
    String id();

    Framed frame(BufferedImage image);

    /**
     * {@code none} (the whole image) or {@code object} (the object on a plain background, see ObjectFraming);
     * {@code salient} needs its mask model, so it is built where the model is configured (ActiveModel).
     */
    static Framing parse(String spec) {
        return switch (spec.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> new WholeImage();
            case "object" -> new ObjectFraming();
            default -> throw new IllegalArgumentException("Unknown framing '" + spec
                    + "': use none, object or salient");
        };
    }
}
