package dev.visualsearch.embedding.framing;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Proposes the regions of an image that hold separate objects ("shop the look"), for images on a plain background
 * as {@link ObjectFraming} recognises them: the pixels that differ from the border's colour are grouped into
 * connected blobs on a coarse grid (a blob's small gaps closed by one cell of dilation), and each blob big enough
 * to be an object becomes a box with a small margin. Blobs closer to each other than a few percent of the image are
 * one object (the steam above a cup, the laces beside a shoe). Its score is its share of all foreground pixels. On a
 * busy background no blob can be told from the background without a mask: with salient framing on, the salient
 * objects are cut out first ({@link #find}); without it nothing is proposed.
 */
public final class ObjectProposals {

    /** One proposed region, in fractions of the image (0..1, origin top left). */
    public record Proposal(double x, double y, double w, double h, double score) {
    }

    /** The long side of the grid the blobs are found on: fine enough for objects, cheap for a 4k photo. */
    static final int GRID = 160;
    /** Blobs smaller than this share of the grid are specks, not objects. */
    static final double MIN_BLOB = 0.004;
    /** Blobs whose boxes come closer than this share of the grid's long side belong to one object. */
    static final double JOIN_GAP = 0.04;
    /** Margin around a blob, as a share of its longer side. */
    static final double MARGIN = 0.04;
    /** At most this many proposals, the largest first. */
    static final int MAX_PROPOSALS = 8;

    private ObjectProposals() {
    }

    /** What was found, and how: {@code plain-background}, or {@code salient-mask} on a busy photo. */
    public record Found(List<Proposal> boxes, String method) {
    }

    /**
     * Proposals on a plain background; on a busy one, with a salient-object mask, the proposals of the photo's
     * salient objects cut out onto white (as {@link SalientFraming} frames them); without a mask, none.
     */
    public static Found find(BufferedImage image, Optional<ForegroundMask> mask) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        OptionalInt plain = ObjectFraming.plainBackground(rgb, width, height);
        if (plain.isPresent()) {
            return new Found(proposeOn(rgb, width, height, plain.getAsInt()), "plain-background");
        }
        return mask.isEmpty() ? new Found(List.of(), "plain-background")
                : new Found(propose(SalientFraming.onWhite(rgb, mask.get().alpha(image), width, height)),
                        "salient-mask");
    }

    /** Proposals, largest first; empty when the background is not plain. */
    public static List<Proposal> propose(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        OptionalInt plain = ObjectFraming.plainBackground(rgb, width, height);
        return plain.isEmpty() ? List.of() : proposeOn(rgb, width, height, plain.getAsInt());
    }

    /** Proposals of an image already known to stand on the plain {@code background} ({@code rgb}: its pixels). */
    private static List<Proposal> proposeOn(int[] rgb, int width, int height, int background) {
        double scale = Math.min(1.0, GRID / (double) Math.max(width, height));
        int gw = Math.max(1, (int) Math.round(width * scale));
        int gh = Math.max(1, (int) Math.round(height * scale));
        boolean[] foreground = new boolean[gw * gh];
        for (int gy = 0; gy < gh; gy++) {
            int y0 = gy * height / gh;
            int y1 = Math.max(y0 + 1, (gy + 1) * height / gh);
            for (int gx = 0; gx < gw; gx++) {
                int x0 = gx * width / gw;
                int x1 = Math.max(x0 + 1, (gx + 1) * width / gw);
                foreground[gy * gw + gx] = anyDiffers(rgb, width, x0, x1, y0, y1, background);
            }
        }
        boolean[] closed = dilate(foreground, gw, gh);
        return blobs(closed, foreground, gw, gh);
    }

    private static boolean anyDiffers(int[] rgb, int width, int x0, int x1, int y0, int y1, int background) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (!ObjectFraming.near(rgb[y * width + x], background)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean[] dilate(boolean[] mask, int gw, int gh) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                if (!mask[y * gw + x]) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < gw && ny < gh) {
                            out[ny * gw + nx] = true;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Connected blobs of {@code mask} (8-neighbour); sizes count the undilated {@code foreground} cells. */
    private static List<Proposal> blobs(boolean[] mask, boolean[] foreground, int gw, int gh) {
        int[] label = new int[mask.length];
        long total = 0;
        for (boolean f : foreground) {
            total += f ? 1 : 0;
        }
        List<Proposal> found = new ArrayList<>();
        List<int[]> blobs = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || label[start] != 0) {
                continue;
            }
            next++;
            label[start] = next;
            queue.add(start);
            int minX = gw;
            int minY = gh;
            int maxX = -1;
            int maxY = -1;
            long cells = 0;
            while (!queue.isEmpty()) {
                int at = queue.poll();
                int x = at % gw;
                int y = at / gw;
                if (foreground[at]) {
                    cells++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        int n = ny * gw + nx;
                        if (nx >= 0 && ny >= 0 && nx < gw && ny < gh && mask[n] && label[n] == 0) {
                            label[n] = next;
                            queue.add(n);
                        }
                    }
                }
            }
            if (cells > 0) {
                blobs.add(new int[] {minX, minY, maxX, maxY, (int) cells});
            }
        }
        for (int[] b : join(blobs, (int) Math.ceil(JOIN_GAP * Math.max(gw, gh)))) {
            if (b[4] >= MIN_BLOB * gw * gh) {
                found.add(box(b[0], b[1], b[2], b[3], gw, gh, b[4] / (double) total));
            }
        }
        found.sort(Comparator.comparingDouble(Proposal::score).reversed());
        return found.size() > MAX_PROPOSALS ? List.copyOf(found.subList(0, MAX_PROPOSALS)) : List.copyOf(found);
    }

    /** Merges boxes ({minX, minY, maxX, maxY, cells}) that come within {@code gap} cells of each other. */
    private static List<int[]> join(List<int[]> boxes, int gap) {
        List<int[]> out = new ArrayList<>(boxes);
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int i = 0; i < out.size() && !merged; i++) {
                for (int j = i + 1; j < out.size() && !merged; j++) {
                    int[] a = out.get(i);
                    int[] b = out.get(j);
                    boolean near = a[0] - gap <= b[2] && b[0] - gap <= a[2]
                            && a[1] - gap <= b[3] && b[1] - gap <= a[3];
                    if (near) {
                        out.set(i, new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]),
                            Math.max(a[3], b[3]), a[4] + b[4]});
                        out.remove(j);
                        merged = true;
                    }
                }
            }
        }
        return out;
    }

    private static Proposal box(int minX, int minY, int maxX, int maxY, int gw, int gh, double score) {
        // the margin in grid cells, the same on both axes whatever the image's aspect
        double margin = MARGIN * Math.max(maxX - minX + 1, maxY - minY + 1);
        double x0 = Math.max(0, (minX - margin) / gw);
        double y0 = Math.max(0, (minY - margin) / gh);
        double x1 = Math.min(1, (maxX + 1 + margin) / gw);
        double y1 = Math.min(1, (maxY + 1 + margin) / gh);
        // Rounded at the edges, so that x + w never passes 1 and the box goes back to POST /api/search as it is.
        double left = round(x0);
        double top = round(y0);
        return new Proposal(left, top, round(x1) - left, round(y1) - top, round(score));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
