package dev.visualsearch.pipeline;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.run.RunEvents;
import dev.visualsearch.common.run.RunRecorder;
import dev.visualsearch.common.run.RunView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import dev.visualsearch.common.web.AdminOnly;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/pipeline/runs")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    private static final int MAX_LIMIT = 200;

    /** The body of {@code POST /api/pipeline/runs}. */
    public record StartRequest(String job) {
    }

    /** The answer to a started run. */
    public record Started(UUID runId) {
    }

    private final RunRecorder runs;
    private final PipelineRunner runner;
    private final RunEvents events;

    public PipelineResource(RunRecorder runs, PipelineRunner runner, RunEvents events) {
        this.runs = runs;
        this.runner = runner;
        this.events = events;
    }

    /** Starts a job in the background: 202 with the run id to poll, 409 while the same job is running. */
    @POST
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Started>> start(StartRequest request) {
        PipelineJob job = PipelineJob.parse(request == null ? null : request.job());
        return runner.start(job).map(runId -> RestResponse.ResponseBuilder.accepted(new Started(runId))
                .location(URI.create("/api/pipeline/runs/" + runId)).build());
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

    /**
     * Server-sent events: one event per change of any run (created, started, progress, finished), its data the
     * run's JSON. Changes from before the connection are not replayed; read the run list first.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<RunView> stream() {
        return events.stream();
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
