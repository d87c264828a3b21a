package dev.visualsearch.catalog.image;

import dev.visualsearch.common.Digests;
import dev.visualsearch.common.error.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns untrusted upload bytes into upright RGB pixels, or a 4xx problem that says why not. The order of the checks
 * keeps hostile input cheap: size, then magic bytes, then the header's dimensions, and only then the decode.
 */
@ApplicationScoped
public class ImageDecoder {

    private static final String ACCEPTED = "PNG, JPEG, WebP or GIF";

    private final ImagesConfig config;

    public ImageDecoder(ImagesConfig config) {
        this.config = config;
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    public long maxUploadBytes() {
        return config.maxUploadBytes();
    }

    public DecodedImage decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiProblem.unprocessable("The image file is empty");
        }
        if (bytes.length > config.maxUploadBytes()) {
            throw ApiProblem.payloadTooLarge("The image is " + bytes.length + " bytes; the limit is "
                    + config.maxUploadBytes() + " bytes").with("limitBytes", config.maxUploadBytes());
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> ApiProblem.unsupportedMediaType(
                "The file is not a " + ACCEPTED + " image (its content, not its name, is checked)"));
        BufferedImage pixels = read(bytes, format);
        BufferedImage rgb = onWhite(pixels);
        if (format == ImageFormat.JPEG) {
            rgb = ExifOrientation.apply(rgb, ExifOrientation.read(bytes));
        }
        return new DecodedImage(bytes, sha256(bytes), format, rgb);
    }

    private BufferedImage read(byte[] bytes, ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.extension());
        if (!readers.hasNext()) {
            throw ApiProblem.unsupportedMediaType("No decoder is installed for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new UploadInputStream(bytes)) {
            reader.setInput(input, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels <= 0) {
                throw corrupt(format, "it declares no pixels");
            }
            if (pixels > config.maxPixels()) {
                throw ApiProblem.unprocessable("The image declares " + reader.getWidth(0) + "x" + reader.getHeight(0)
                        + " pixels; the limit is " + config.maxPixels() + " pixels in all")
                        .with("limitPixels", config.maxPixels());
            }
            long frame = format == ImageFormat.WEBP ? WebPFrames.largestPixels(bytes).orElse(0) : 0;
            if (frame > config.maxPixels()) {
                throw ApiProblem.unprocessable("The WebP image declares a frame of " + frame + " pixels; the limit is "
                        + config.maxPixels() + " pixels in all").with("limitPixels", config.maxPixels());
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            warnings.stream().filter(ImageDecoder::meansTruncated).findFirst()
                    .ifPresent(warning -> { throw corrupt(format, warning); });
            return image;
        } catch (ApiProblem problem) {
            throw problem;
        } catch (IOException | RuntimeException e) {
            throw corrupt(format, e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static boolean meansTruncated(String warning) {
        String text = warning.toLowerCase();
        return text.contains("premature") || text.contains("truncated") || text.contains("end of");
    }

    private static ApiProblem corrupt(ImageFormat format, String reason) {
        return ApiProblem.unprocessable("The " + format + " image could not be decoded; it looks truncated or corrupt"
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
    }

    /** Composites any transparency on white and normalises the colour model to 8-bit RGB. */
    public static BufferedImage onWhite(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.of("SHA-256", bytes));
    }
}
