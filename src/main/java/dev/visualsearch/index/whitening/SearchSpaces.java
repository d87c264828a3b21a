package dev.visualsearch.index.whitening;

import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.IndexConfig;
import dev.visualsearch.index.IndexFiles;
import dev.visualsearch.index.SearchSpace;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Learns, saves and loads the search space of the index: the whitening learned from the stored vectors at each
 * build, kept in {@code whitening.bin} beside the ANN index (with the model id it was learned for) so that a restart
 * searches in the same space as the saved index.
 */
@ApplicationScoped
public class SearchSpaces {

    private static final Logger LOG = Logger.getLogger(SearchSpaces.class);

    private final WhiteningConfig config;
    private final Path file;
    /**
     * Instances that share an OpenSearch index would each learn their own transform and rebuild the shared index
     * in turn: whitening is off there until the transform itself is shared.
     */
    private final boolean enabled;

    public SearchSpaces(WhiteningConfig config, IndexConfig index) {
        this.config = config;
        this.file = Path.of(index.dir(), "whitening.bin");
        this.enabled = config.enabled() && index.backend().equals("local");
    }

    /** Whether builds learn a whitening (configured on, and the index is this instance's own). */
    public boolean whitens() {
        return enabled;
    }

    /** A space learned from {@code stored} (raw when whitening is off or the catalogue too small). */
    public SearchSpace learn(String modelId, List<StoredVector> stored) {
        if (!enabled || stored.size() < Math.max(2, config.minVectors())) {
            return SearchSpace.raw(modelId);
        }
        long start = System.nanoTime();
        Whitening whitening = Whitening.learn(stored.stream().map(StoredVector::vector).toList(), config.dims(),
                config.shrinkage(), config.seed());
        LOG.infof("Learned whitening %s from %d vectors in %d ms", whitening.id(), whitening.learnedFrom(),
                (System.nanoTime() - start) / 1_000_000);
        return new SearchSpace(modelId, Optional.of(whitening));
    }

    /** The saved space when it was learned for this model with today's settings, else a newly learned one. */
    public SearchSpace loadOrLearn(String modelId, List<StoredVector> stored) {
        if (!enabled || stored.size() < Math.max(2, config.minVectors())) {
            return SearchSpace.raw(modelId);
        }
        Optional<SearchSpace> saved = load(modelId);
        if (saved.isPresent()) {
            return saved.get();
        }
        SearchSpace learned = learn(modelId, stored);
        save(learned);
        return learned;
    }

    public void save(SearchSpace space) {
        if (space.whitening().isEmpty()) {
            return;
        }
        IndexFiles.writeAtomically(file, out -> {
            out.writeUTF(space.modelId());
            space.whitening().get().write(out);
        });
    }

    private Optional<SearchSpace> load(String modelId) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String savedFor = in.readUTF();
            Whitening whitening = Whitening.read(in);
            if (!savedFor.equals(modelId) || whitening.shrinkage() != config.shrinkage()) {
                LOG.infof("Saved whitening was learned for %s (shrinkage %s); learning anew", savedFor,
                        whitening.shrinkage());
                return Optional.empty();
            }
            return Optional.of(new SearchSpace(modelId, Optional.of(whitening)));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Saved whitening unreadable (%s); learning anew", e.getMessage());
            return Optional.empty();
        }
    }
}
