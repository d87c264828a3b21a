package dev.visualsearch.catalog.exporting;

import dev.visualsearch.common.web.AdminOnly;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/products/export")
public class ExportResource {

    static final String ZIP = "application/zip";

    private final CatalogExport export;

    public ExportResource(CatalogExport export) {
        this.export = export;
    }

    /** Streams the zip from a worker thread: the product pages and image files are read while it is sent. */
    @GET
    @AdminOnly
    @Blocking
    @Produces(ZIP)
    @Operation(summary = "Export the catalogue as a zip of its original images and manifest.csv, the form that "
            + "POST /api/products/import takes")
    public Response exportCatalogue() {
        StreamingOutput zip = export::writeTo;
        return Response.ok(zip, ZIP)
                .header("Content-Disposition", "attachment; filename=\"catalogue-" + LocalDate.now(ZoneOffset.UTC)
                        + ".zip\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
