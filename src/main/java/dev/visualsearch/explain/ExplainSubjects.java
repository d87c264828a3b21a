package dev.visualsearch.explain;

import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.catalog.image.ImageStore;
import dev.visualsearch.common.Digests;
import dev.visualsearch.index.IndexService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns products and query bytes into {@link ExplainService.Subject}s (decoded lazily, once) and answers into HTTP. */
@ApplicationScoped
public class ExplainSubjects {

    private final ImageStore images;
    private final ImageDecoder decoder;
    private final IndexService indexes;

    public ExplainSubjects(ImageStore images, ImageDecoder decoder, IndexService indexes) {
        this.images = images;
        this.decoder = decoder;
        this.indexes = indexes;
    }

    /**
     * A product's stored image; blocking when decoded. Its vector comes from the index unless the index holds it
     * whitened: explanations target the model's own cosine, so the model then embeds the image again.
     */
    public ExplainService.Subject of(Product product) {
        return new ExplainService.Subject(product.imageHash, memo(() -> {
            try {
                return decoder.decode(Files.readAllBytes(images.original(product.imagePath))).rgb();
            } catch (IOException e) {
                throw new UncheckedIOException("The image of product " + product.id + " is missing", e);
            }
        }), indexes.isReady() && indexes.space().whitening().isEmpty() ? indexes.exact().vector(product.id)
                : Optional.empty(), false);
    }

    /** A kept query image, with its vector when the search kept one for the active model. */
    public ExplainService.Subject of(byte[] bytes, Optional<float[]> vector) {
        return new ExplainService.Subject(HexFormat.of().formatHex(Digests.of("SHA-256", bytes)),
                memo(() -> decoder.decode(bytes).rgb()), vector, true);
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
}
