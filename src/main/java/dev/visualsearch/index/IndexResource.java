package dev.visualsearch.index;

import dev.visualsearch.embedding.ActiveModel;
import dev.visualsearch.embedding.EmbeddingRepository;
import dev.visualsearch.index.exact.ExactIndex;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/index")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {

    private final IndexService indexes;
    private final EmbeddingRepository embeddings;
    private final ActiveModel model;

    public IndexResource(IndexService indexes, EmbeddingRepository embeddings, ActiveModel model) {
        this.indexes = indexes;
        this.embeddings = embeddings;
        this.model = model;
    }

    @GET
    @Path("/status")
    public Uni<IndexStatus> status() {
        String modelId = model.id();
        return embeddings.countMissing(modelId).map(pending -> {
            if (!indexes.isReady()) {
                return new IndexStatus(false, null, modelId, null, 0, null, true, pending, null, null,
                        indexes.annUnavailableReason(), null, null, 0, null, null, null, null);
            }
            LiveIndex exact = indexes.exact();
            var ann = indexes.ann();
            String backend = ann.map(a -> a.descriptor().backend()).orElse(ExactIndex.BACKEND);
            Integer tombstones = ann.map(a -> a.read(VectorIndex::tombstones)).orElse(null);
            String kernel = exact.read(i -> i instanceof ExactIndex e ? e.kernel() : null);
            Optional<SearchDepth> depth = ann.flatMap(a -> a.read(VectorIndex::searchDepth));
            return new IndexStatus(true, backend, modelId, exact.descriptor().dimension(), exact.size(),
                    indexes.builtAt(), pending > 0, pending, kernel, tombstones,
                    ann.isPresent() ? null : indexes.annUnavailableReason(),
                    indexes.space().whitening().map(w -> w.id()).orElse(null), indexes.calibration(),
                    indexes.annWritesWaiting(), depth.map(SearchDepth::targetRecall).orElse(null),
                    depth.map(SearchDepth::measuredRecall).orElse(null), depth.map(SearchDepth::value).orElse(null),
                    depth.map(SearchDepth::parameter).orElse(null));
        });
    }
}
