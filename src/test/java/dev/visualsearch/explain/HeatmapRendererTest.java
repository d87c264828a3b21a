package dev.visualsearch.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HeatmapRendererTest {

    /** Hot in the top-left cell of a 2 x 2 grid. */
    private static final Heatmap TOP_LEFT = new Heatmap(2, 2, new float[] {1, 0, 0, 0});

    @Test
    void overlayHasTheImageSizeAndIsAValidPng() throws Exception {
        BufferedImage image = new BufferedImage(123, 45, BufferedImage.TYPE_INT_RGB);
        byte[] png = HeatmapRenderer.png(HeatmapRenderer.overlay(image, TOP_LEFT, 0.5f));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(123, decoded.getWidth());
        assertEquals(45, decoded.getHeight());
    }

    @Test
    void hotCellsAreRedAndColdCellsBlue() {
        BufferedImage heat = HeatmapRenderer.heatmap(TOP_LEFT, 100, 100);
        Color hot = new Color(heat.getRGB(5, 5));
        Color cold = new Color(heat.getRGB(95, 95));
        assertTrue(hot.getRed() > hot.getBlue() + 50, "hot " + hot);
        assertTrue(cold.getBlue() > cold.getRed(), "cold " + cold);
    }

    @Test
    void upsamplingIsBilinearBetweenCellCentres() {
        float[] up = new Heatmap(2, 1, new float[] {0, 1}).upsample(4, 1);
        // centres at 0.5 and 1.5 grid units; output pixel centres at 0.25, 0.75, 1.25, 1.75 grid units
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, up, 1e-6f);
    }

    @Test
    void opacityZeroKeepsTheImage() {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x123456);
        BufferedImage out = HeatmapRenderer.overlay(image, TOP_LEFT, 0f);
        assertEquals(0x123456, out.getRGB(3, 3) & 0xFFFFFF);
    }

    @Test
    void normalisingScalesToUnitRange() {
        Heatmap unit = new Heatmap(2, 1, new float[] {0.5f, 2f}).normalised();
        assertArrayEquals(new float[] {0.25f, 1f}, unit.values(), 1e-6f);
        assertArrayEquals(new float[] {0, 0}, new Heatmap(2, 1, new float[] {0, 0}).normalised().values());
    }
}
