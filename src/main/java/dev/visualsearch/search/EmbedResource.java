package dev.visualsearch.search;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.common.web.RateLimited;
import dev.visualsearch.common.web.Uploads;
import dev.visualsearch.embedding.EmbeddingService;
import dev.visualsearch.index.IndexService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code POST /api/embed}: an image's vector exactly as the index holds it. It lives with search rather than
 * embedding because that vector is the model's, taken into the index's space (whitened when one is learned).
 */
@Path("/embed")
@RateLimited
public class EmbedResource {

    /**
     * A vector as the index holds it: {@code model} produced it, {@code space} names the model and the whitening
     * it went through, {@code modelVectorDim} is the model's own dimension.
     */
    public record EmbedResponse(String model, String space, int dim, int modelVectorDim, float[] vector) {
    }

    private final EmbeddingService embeddings;
    private final IndexService indexes;
    private final ImageDecoder decoder;
    private final Vertx vertx;

    public EmbedResource(EmbeddingService embeddings, IndexService indexes, ImageDecoder decoder, Vertx vertx) {
        this.embeddings = embeddings;
        this.indexes = indexes;
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
            float[] modelVector = embeddings.embed(decoded.rgb());
            float[] vector = indexes.toSearchSpace(modelVector);
            var space = indexes.space();
            return new EmbedResponse(embeddings.model().id(), space == null ? embeddings.model().id() : space.id(),
                    vector.length, modelVector.length, vector);
        }, false);
    }
}
