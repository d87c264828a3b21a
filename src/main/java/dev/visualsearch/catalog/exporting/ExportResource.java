package dev.visualsearch.catalog.exporting;

import dev.visualsearch.common.web.AdminOnly;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

@Path("/products/export")
public class ExportResource {

    static final String ZIP = "application/zip";

    private final CatalogExport export;

    public ExportResource(CatalogExport export) {
        this.export = export;
    }

    /** Streams the zip: the product pages and image files are read while it is sent, no thread waiting meanwhile. */
    @GET
    @AdminOnly
    @Produces(ZIP)
    @Operation(summary = "Export the catalogue as a zip of its original images and manifest.csv, the form that "
            + "POST /api/products/import takes")
    @APIResponse(responseCode = "200", description = "The zip, streamed",
            content = @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public RestMulti<byte[]> exportCatalogue() {
        return RestMulti.fromMultiData(export.zip())
                .status(200)
                .header("Content-Disposition", "attachment; filename=\"catalogue-" + LocalDate.now(ZoneOffset.UTC)
                        + ".zip\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
