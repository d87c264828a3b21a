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
 * searches in the same space as the saved index. When the adapt job has learned a head for the active model
 * ({@code head.bin}, a {@link PairWhitening}) and {@code app.index.whitening.head} is on, builds search in the head's
 * space instead of learning a PCA whitening.
 */
@ApplicationScoped
public class SearchSpaces {

    private static final Logger LOG = Logger.getLogger(SearchSpaces.class);

    private final WhiteningConfig config;
    private final Path file;
    private final Path headFile;
    /** The adapt job's head as last read or adopted: (model id, head); null before the first look. */
    private volatile Optional<SavedHead> head;
    /**
     * Instances that share an OpenSearch index would each learn their own transform and rebuild the shared index
     * in turn: whitening is off there until the transform itself is shared.
     */
    private final boolean enabled;

    public SearchSpaces(WhiteningConfig config, IndexConfig index) {
        this.config = config;
        this.file = Path.of(index.dir(), "whitening.bin");
        this.headFile = Path.of(index.dir(), "head.bin");
        this.enabled = config.enabled() && index.backend().equals("local");
    }

    /** Whether builds learn a whitening (configured on, and the index is this instance's own). */
    public boolean whitens() {
        return enabled;
    }

    /** A space record of a head saved by the adapt job. */
    private record SavedHead(String modelId, Whitening head) {
    }

    /**
     * A space learned from {@code stored} (raw when whitening is off or the catalogue too small), or the adapt
     * job's head when it is on and was learned for this model and vector size.
     */
    public SearchSpace learn(String modelId, List<StoredVector> stored) {
        if (!enabled || stored.size() < Math.max(2, config.minVectors())) {
            return SearchSpace.raw(modelId);
        }
        Optional<Whitening> adapted = head(modelId).filter(h -> h.inputDimension() == stored.get(0).vector().length);
        if (adapted.isPresent()) {
            LOG.infof("Searching in the adapt job's head %s", adapted.get().id());
            return new SearchSpace(modelId, adapted);
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

    /** The head the adapt job learned for {@code modelId}, when heads are on and one was saved. */
    public Optional<Whitening> head(String modelId) {
        if (!config.head()) {
            return Optional.empty();
        }
        Optional<SavedHead> known = head;
        if (known == null) {
            known = readHead();
            head = known;
        }
        return known.filter(h -> h.modelId().equals(modelId)).map(SavedHead::head);
    }

    /** Saves the adapt job's head; the next index build searches in its space. */
    public void adopt(String modelId, Whitening learned) {
        IndexFiles.writeAtomically(headFile, out -> {
            out.writeUTF(modelId);
            learned.write(out);
        });
        head = Optional.of(new SavedHead(modelId, learned));
    }

    private Optional<SavedHead> readHead() {
        if (!Files.exists(headFile)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(headFile)))) {
            return Optional.of(new SavedHead(in.readUTF(), Whitening.read(in)));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Saved adapt head unreadable (%s); run the adapt job again", e.getMessage());
            return Optional.empty();
        }
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
            Optional<Whitening> adapted = head(modelId);
            if (adapted.isPresent() ? !adapted.get().id().equals(whitening.id())
                    : !savedFor.equals(modelId) || !whitening.kind().equals(Whitening.PCA)
                    || whitening.shrinkage() != config.shrinkage()) {
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
