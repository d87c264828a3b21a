package dev.visualsearch.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.common.web.RateLimited;
import dev.visualsearch.common.web.Uploads;
import dev.visualsearch.embedding.EmbeddingService;
import dev.visualsearch.embedding.framing.ObjectProposals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Regions of a photo worth searching on their own ("shop the look"), to pass back as {@code box}. */
@Path("/objects")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public class ObjectsResource {

    /** The proposals, largest first, and a note when none could be found. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Objects(List<ObjectProposals.Proposal> boxes, String method, String note) {
    }

    private final ImageDecoder decoder;
    private final EmbeddingService embeddings;
    private final Vertx vertx;

    public ObjectsResource(ImageDecoder decoder, EmbeddingService embeddings, Vertx vertx) {
        this.decoder = decoder;
        this.embeddings = embeddings;
        this.vertx = vertx;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Proposed regions of an image to search with (fractions x, y, w, h; score = share of the "
            + "foreground)", description = "Objects are found on plain backgrounds (the background colour read from "
            + "the image's border); on a busy photo, with app.embedding.framing=salient, the salient objects the "
            + "IS-Net mask finds (method salient-mask); else nothing is proposed and a box can be drawn by hand")
    public Uni<Objects> propose(@RestForm("image") FileUpload image) {
        Uploads.requirePart(image, "image");
        return vertx.executeBlocking(() -> {
            ObjectProposals.Found found = embeddings.proposeObjects(
                    decoder.decode(Uploads.readImage(image, decoder.maxUploadBytes())).rgb());
            return found.boxes().isEmpty() ? new Objects(found.boxes(), found.method(), found.method()
                    .equals("salient-mask") ? "No object stands out in this photo; draw a box around the product to "
                    + "search with it" : "No objects stand out from a plain background here; draw a box around the "
                    + "product to search with it") : new Objects(found.boxes(), found.method(), null);
        }, false);
    }
}
