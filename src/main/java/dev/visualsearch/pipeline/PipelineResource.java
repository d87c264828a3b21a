package dev.visualsearch.pipeline;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.run.RunRecorder;
import dev.visualsearch.common.run.RunView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/pipeline/runs")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    private static final int MAX_LIMIT = 200;

    private final RunRecorder runs;

    public PipelineResource(RunRecorder runs) {
        this.runs = runs;
    }

    /** Recent runs, newest first. */
    @GET
    public Uni<List<RunView>> recent(@RestQuery Integer limit) {
        int count = limit == null ? 50 : limit;
        if (count < 1 || count > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return runs.recent(count).map(list -> list.stream().map(RunView::of).toList());
    }

    @GET
    @Path("/{runId}")
    public Uni<RunView> get(String runId) {
        UUID id = parse(runId);
        return runs.find(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("Run", runId)).map(RunView::of);
    }

    private static UUID parse(String runId) {
        try {
            return UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Run", runId);
        }
    }
}
