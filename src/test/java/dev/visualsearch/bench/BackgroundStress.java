package dev.visualsearch.bench;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * The background stress set: a catalogue cut-out (its alpha channel) re-composited, shifted and scaled, on a
 * background drawn from a seeded mix of plain colours, gradients, noise, stripes and crops of real photographs.
 * Searched against the clean catalogue, it tells how much of a match the background decides.
 */
final class BackgroundStress {

    static final int SIDE = 299;
    private static final String[] KINDS = {"colour", "gradient", "noise", "stripes", "photo"};

    private final List<BufferedImage> photos;

    BackgroundStress(List<BufferedImage> photos) {
        this.photos = photos;
    }

    /** {@code cutout} (ARGB) on the background of kind {@code index % 5}, seeded by {@code seed}. */
    BufferedImage compose(BufferedImage cutout, int index, long seed, boolean plainWhite) {
        Random random = new Random(seed * 1_000_003 + index);
        BufferedImage canvas = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        String kind = KINDS[index % KINDS.length];
        if (plainWhite) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIDE, SIDE);
        } else {
            paintBackground(g, kind, random);
        }
        double scale = 0.45 + 0.45 * random.nextDouble();
        int side = (int) Math.round(SIDE * scale);
        int x = random.nextInt(SIDE - side + 1);
        int y = random.nextInt(SIDE - side + 1);
        g.setComposite(AlphaComposite.SrcOver);
        g.drawImage(cutout, x, y, side, side, null);
        g.dispose();
        return canvas;
    }

    private void paintBackground(Graphics2D g, String kind, Random random) {
        switch (kind) {
            case "colour" -> {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                g.fillRect(0, 0, SIDE, SIDE);
            }
            case "gradient" -> {
                g.setPaint(new GradientPaint(0, 0, randomColour(random), SIDE, SIDE, randomColour(random)));
                g.fillRect(0, 0, SIDE, SIDE);
            }
            case "noise" -> {
                Color base = randomColour(random);
                for (int y = 0; y < SIDE; y += 3) {
                    for (int x = 0; x < SIDE; x += 3) {
                        int d = random.nextInt(81) - 40;
                        g.setColor(new Color(clip(base.getRed() + d), clip(base.getGreen() + d),
                                clip(base.getBlue() + d)));
                        g.fillRect(x, y, 3, 3);
                    }
                }
            }
            case "stripes" -> {
                Color a = randomColour(random);
                Color b = randomColour(random);
                int width = 6 + random.nextInt(20);
                for (int x = -SIDE; x < 2 * SIDE; x += width) {
                    g.setColor((x / width) % 2 == 0 ? a : b);
                    g.fillPolygon(new int[] {x, x + width, x + width + SIDE, x + SIDE}, new int[] {0, 0, SIDE, SIDE},
                            4);
                }
            }
            default -> {
                BufferedImage photo = photos.get(random.nextInt(photos.size()));
                int side = Math.min(photo.getWidth(), photo.getHeight()) / 2;
                int px = random.nextInt(photo.getWidth() - side + 1);
                int py = random.nextInt(photo.getHeight() - side + 1);
                g.drawImage(photo, 0, 0, SIDE, SIDE, px, py, px + side, py + side, null);
            }
        }
    }

    private static Color randomColour(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static int clip(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
