package dev.visualsearch.duplicates;

import dev.visualsearch.common.error.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** The near-duplicate report: its own resource class so that its path wins over the catalogue's {@code /products/{id}}. */
@Path("/products/duplicates")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicatesResource {

    private final DuplicatesService duplicates;

    public DuplicatesResource(DuplicatesService duplicates) {
        this.duplicates = duplicates;
    }

    @GET
    @Operation(summary = "Pairs of products that look alike (near-duplicates) at or above a threshold, best first")
    public Uni<DuplicatesReport> report(
            @Parameter(description = "Cosine in the index's search space, in (0, 1]; default "
                    + "app.duplicates.threshold (whitened index) or app.duplicates.unwhitened-threshold")
            @RestQuery String threshold) {
        return duplicates.report(parse(threshold, duplicates.defaultThreshold()));
    }

    static double parse(String threshold, double fallback) {
        if (threshold == null || threshold.isBlank()) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(threshold.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("threshold must be a number in (0, 1], got '" + threshold + "'");
        }
        if (!(value > 0 && value <= 1)) {
            throw ApiProblem.badRequest("threshold must be in (0, 1], got " + threshold);
        }
        return value;
    }
}
