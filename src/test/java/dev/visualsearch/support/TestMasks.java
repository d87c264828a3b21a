package dev.visualsearch.support;

import dev.visualsearch.embedding.framing.ForegroundMask;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;

/** Salient-object masks drawn by hand, for tests of what uses a mask (IsNetMaskTest runs the real model). */
public final class TestMasks {

    private TestMasks() {
    }

    /** A mask that is 1 inside the box (image pixels) and 0 elsewhere, counting the times it is asked. */
    public static ForegroundMask box(int x0, int y0, int w, int h, AtomicInteger asked) {
        return new ForegroundMask() {
            @Override
            public String id() {
                return "box";
            }

            @Override
            public float[] alpha(BufferedImage image) {
                asked.incrementAndGet();
                float[] alpha = new float[image.getWidth() * image.getHeight()];
                for (int y = y0; y < y0 + h; y++) {
                    for (int x = x0; x < x0 + w; x++) {
                        alpha[y * image.getWidth() + x] = 1f;
                    }
                }
                return alpha;
            }
        };
    }
}
