package dev.visualsearch.embedding.framing;

import java.awt.image.BufferedImage;
import java.util.OptionalInt;

/**
 * Object framing that also works on busy photographs: on a plain background it is {@link ObjectFraming}; on a busy
 * one the salient-object mask cuts the object out onto white (as catalogue shots are), and that cut-out is framed
 * the same way, so a photo of a cup on a table reaches the model as a cup on white. When the mask finds no object
 * (or everything is object) the whole photo is kept, as object framing does.
 */
public final class SalientFraming implements Framing {

    private static final int WHITE = 0xFFFFFF;

    private final ObjectFraming objects = new ObjectFraming();
    private final ForegroundMask mask;

    /**
     * @param mask the mask model; asked only for busy photographs, so one that loads on its first {@code alpha}
     *             costs nothing to catalogues on plain backgrounds (its {@code id} must not need the load)
     */
    public SalientFraming(ForegroundMask mask) {
        this.mask = mask;
    }

    @Override
    public String id() {
        return "salient-" + mask.id();
    }

    @Override
    public Framed frame(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        OptionalInt plain = ObjectFraming.plainBackground(rgb, width, height);
        if (plain.isPresent()) {
            return objects.frameOn(image, rgb, plain.getAsInt());
        }
        BufferedImage cutOut = onWhite(rgb, mask.alpha(image), width, height);
        Framed framed = objects.frame(cutOut);
        return framed.isWhole(cutOut) ? Framed.whole(image) : framed;
    }

    /**
     * Whether this framing takes {@code image} for a busy photograph (its border is not one plain colour): the
     * images it asks the mask for. Photo-domain corrections use it to tell a photo query from a catalogue-like one.
     */
    public static boolean isBusy(BufferedImage image) {
        return ObjectFraming.plainBackground(image).isEmpty();
    }

    /** Each pixel blended with white by its foreground probability. */
    static BufferedImage onWhite(int[] rgb, float[] alpha, int width, int height) {
        int[] out = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            float a = Math.max(0f, Math.min(1f, alpha[i]));
            out[i] = blend(rgb[i], WHITE, a);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, out, 0, width);
        return image;
    }

    private static int blend(int front, int back, float a) {
        int r = Math.round(((front >> 16) & 0xFF) * a + ((back >> 16) & 0xFF) * (1 - a));
        int g = Math.round(((front >> 8) & 0xFF) * a + ((back >> 8) & 0xFF) * (1 - a));
        int b = Math.round((front & 0xFF) * a + (back & 0xFF) * (1 - a));
        return (r << 16) | (g << 8) | b;
    }
}
