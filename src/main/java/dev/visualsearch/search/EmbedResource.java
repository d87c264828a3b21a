package dev.visualsearch.embedding;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.common.web.RateLimited;
import dev.visualsearch.common.web.Uploads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/embed")
@RateLimited
public class EmbeddingResource {

    /** A vector as the index holds it, with the model that produced it. */
    public record EmbedResponse(String model, int dim, float[] vector) {
    }

    private final EmbeddingService embeddings;
    private final ImageDecoder decoder;
    private final Vertx vertx;

    public EmbeddingResource(EmbeddingService embeddings, ImageDecoder decoder, Vertx vertx) {
        this.embeddings = embeddings;
        this.decoder = decoder;
        this.vertx = vertx;
    }

    /** Embeds an uploaded image with the active model; the same decoding and preprocessing as catalogue images. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<EmbedResponse> embed(@RestForm("image") FileUpload image) {
        Uploads.requirePart(image, "image");
        return vertx.executeBlocking(() -> {
            var decoded = decoder.decode(Uploads.readImage(image, decoder.maxUploadBytes()));
            float[] vector = embeddings.embed(decoded.rgb());
            return new EmbedResponse(embeddings.model().id(), vector.length, vector);
        }, false);
    }
}
