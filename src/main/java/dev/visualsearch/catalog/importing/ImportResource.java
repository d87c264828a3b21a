package dev.visualsearch.catalog.importing;

import dev.visualsearch.common.web.AdminOnly;
import dev.visualsearch.common.web.Uploads;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/products/import")
public class ImportResource {

    /** The answer to an accepted import: poll {@code /api/pipeline/runs/{runId}} for progress. */
    public record Accepted(UUID runId) {
    }

    private final ImportService imports;

    public ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @AdminOnly
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Accepted>> importArchive(@RestForm("archive") FileUpload archive) {
        Uploads.requirePart(archive, "archive");
        return imports.importArchive(archive).map(runId -> RestResponse.ResponseBuilder
                .accepted(new Accepted(runId))
                .location(URI.create("/api/pipeline/runs/" + runId))
                .build());
    }
}
