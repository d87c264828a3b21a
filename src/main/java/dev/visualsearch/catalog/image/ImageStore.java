package dev.visualsearch.catalog.image;

import dev.visualsearch.common.AtomicFiles;
import dev.visualsearch.common.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.RenderingHints;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Keeps original uploads under {@code images/} and JPEG thumbnails under {@code thumbnails/}, both addressed by the
 * SHA-256 of the upload, so that equal content is stored once and paths never come from user input. Writes go to a
 * temporary file first and are moved into place, so a crash never leaves a half-written image behind.
 */
@ApplicationScoped
public class ImageStore {

    private final Path root;
    private final int thumbnailSize;

    public ImageStore(DataDirectory dataDirectory, ImagesConfig config) {
        this.root = config.dir().map(dir -> Path.of(dir).toAbsolutePath().normalize()).orElse(dataDirectory.path());
        this.thumbnailSize = config.thumbnailSize();
    }

    public StoredImage store(DecodedImage image) {
        String relative = originalPath(image.sha256(), image.format());
        Path original = root.resolve(relative);
        if (!Files.exists(original)) {
            writeAtomically(original, out -> out.write(image.bytes()));
        }
        Path thumbnail = root.resolve(thumbnailPath(image.sha256()));
        if (!Files.exists(thumbnail)) {
            BufferedImage small = scaleToFit(image.rgb(), thumbnailSize);
            writeAtomically(thumbnail, out -> writeJpeg(small, out));
        }
        return new StoredImage(image.sha256(), relative, image.format(), image.width(), image.height());
    }

    public Path original(String relativePath) {
        return root.resolve(relativePath);
    }

    public Path thumbnail(String sha256) {
        return root.resolve(thumbnailPath(sha256));
    }

    public void delete(String relativePath, String sha256) {
        try {
            Files.deleteIfExists(root.resolve(relativePath));
            Files.deleteIfExists(thumbnail(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete image " + sha256, e);
        }
    }

    static String originalPath(String sha256, ImageFormat format) {
        return "images/" + sha256.substring(0, 2) + "/" + sha256 + "." + format.extension();
    }

    static String thumbnailPath(String sha256) {
        return "thumbnails/" + sha256.substring(0, 2) + "/" + sha256 + ".jpg";
    }

    /** Scales down in halving steps so that small thumbnails keep detail instead of aliasing. */
    static BufferedImage scaleToFit(BufferedImage image, int maxSide) {
        BufferedImage current = image;
        int targetW = image.getWidth();
        int targetH = image.getHeight();
        if (Math.max(targetW, targetH) > maxSide) {
            double scale = (double) maxSide / Math.max(targetW, targetH);
            targetW = Math.max(1, (int) Math.round(targetW * scale));
            targetH = Math.max(1, (int) Math.round(targetH * scale));
        }
        while (current.getWidth() != targetW || current.getHeight() != targetH) {
            int w = Math.max(targetW, current.getWidth() / 2);
            int h = Math.max(targetH, current.getHeight() / 2);
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            current = next;
        }
        return current;
    }

    private static void writeJpeg(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writer writer) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    writer.write(out);
                }
                AtomicFiles.moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }
}
