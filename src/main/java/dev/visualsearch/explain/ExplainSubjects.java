package dev.visualsearch.explain;

import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.catalog.image.ImageStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/** Turns products and query bytes into {@link ExplainService.Subject}s (decoded lazily, once) and answers into HTTP. */
@ApplicationScoped
public class ExplainSubjects {

    private final ImageStore images;
    private final ImageDecoder decoder;

    public ExplainSubjects(ImageStore images, ImageDecoder decoder) {
        this.images = images;
        this.decoder = decoder;
    }

    /** A product's stored image; blocking when decoded. */
    public ExplainService.Subject of(Product product) {
        return new ExplainService.Subject(product.imageHash, memo(() -> {
            try {
                return decoder.decode(Files.readAllBytes(images.original(product.imagePath))).rgb();
            } catch (IOException e) {
                throw new UncheckedIOException("The image of product " + product.id + " is missing", e);
            }
        }));
    }

    /** A kept query image. */
    public ExplainService.Subject of(byte[] bytes) {
        return new ExplainService.Subject(sha256(bytes), memo(() -> decoder.decode(bytes).rgb()));
    }

    static Response respond(ExplainService.Rendered rendered) {
        return Response.ok(rendered.body(), rendered.mediaType())
                .header("X-Cache", rendered.cacheHit() ? "hit" : "miss")
                .build();
    }

    private static Supplier<BufferedImage> memo(Supplier<BufferedImage> decode) {
        return new Supplier<>() {
            private BufferedImage image;

            @Override
            public synchronized BufferedImage get() {
                if (image == null) {
                    image = decode.get();
                }
                return image;
            }
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
