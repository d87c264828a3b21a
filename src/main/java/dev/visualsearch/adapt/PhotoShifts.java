package dev.visualsearch.adapt;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingService;
import dev.visualsearch.embedding.framing.SalientFraming;
import dev.visualsearch.index.IndexConfig;
import dev.visualsearch.index.IndexFiles;
import dev.visualsearch.index.whitening.SearchSpaces;
import dev.visualsearch.index.whitening.Whitening;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Learns, keeps and applies the {@link PhotoShift}. The adapt job learns it with salient framing on, from the busy
 * photos of the pool ({@link AdaptConfig#photoPool()}) and the catalogue's stored vectors, right after the head, and
 * saves it in {@code photo-shift.bin} beside the head with the model id, the head id and the pool's fingerprint. A
 * query goes through it only when all three still hold and salient framing takes the query for a busy photo: the
 * shift was measured in front of that head only (docs/evaluation.md), and a catalogue-like query needs none.
 */
@ApplicationScoped
public class PhotoShifts {

    /** A query's model vector as it is searched, and the id of the shift it went through (null: none). */
    public record Query(float[] vector, String shiftId) {
    }

    /** What a learn did: the shift (none when the pool is too small), the busy photos it used, the files skipped. */
    record Learned(Optional<PhotoShift> shift, int busy, List<String> failures) {

        String describe(String dir) {
            String skipped = failures.isEmpty() ? "" : "; " + failures.size() + " pool file(s) unreadable: "
                    + String.join("; ", failures);
            return shift.map(s -> "photo shift " + s.id() + " from " + busy + " busy photos of " + dir + skipped)
                    .orElse("no photo shift (" + busy + " busy photos in " + dir + ")" + skipped);
        }
    }

    /** The saved state: what it was learned for and from, and the shift if the pool had enough busy photos. */
    private record Saved(String modelId, String headId, String poolFingerprint, Optional<PhotoShift> shift) {
    }

    private static final Logger LOG = Logger.getLogger(PhotoShifts.class);
    private static final int MAGIC = 0x56535053; // "VSPS"
    private static final int FORMAT = 1;
    /**
     * Pool files read at most (the first in name order): each busy one costs a salient pass of about 1.5 s, so this
     * bounds the job's share to about 5 minutes; the shift measured alike from 10 photos and from 20.
     */
    static final int MAX_PHOTOS = 200;

    private final EmbeddingService embeddings;
    private final SearchSpaces spaces;
    private final ImageDecoder decoder;
    private final AdaptConfig config;
    private final PhotoPool pool;
    private final Path file;
    /** As last read or learned; null before the first look. */
    private volatile Optional<Saved> saved;

    public PhotoShifts(EmbeddingService embeddings, SearchSpaces spaces, ImageDecoder decoder, AdaptConfig config,
                       IndexConfig index) {
        this.embeddings = embeddings;
        this.spaces = spaces;
        this.decoder = decoder;
        this.config = config;
        this.pool = new PhotoPool(Path.of(config.photoPool()));
        this.file = Path.of(index.dir(), "photo-shift.bin");
    }

    /** Whether this instance learns and applies a shift at all: salient framing on and a strength above 0. */
    boolean enabled() {
        return embeddings.cutsOutBusyPhotos() && config.photoShift() > 0;
    }

    /** The shift busy photo queries go through now for {@code modelId}, if any. */
    public Optional<PhotoShift> active(String modelId) {
        if (!enabled()) {
            return Optional.empty();
        }
        Optional<String> head = spaces.head(modelId).map(Whitening::id);
        return saved().filter(s -> s.modelId().equals(modelId) && head.isPresent()
                && s.headId().equals(head.get())).flatMap(Saved::shift);
    }

    /** {@code vector}, the model vector of query {@code image}, moved by the active shift when the image is busy. */
    public Query towardCatalogue(String modelId, BufferedImage image, float[] vector) {
        Optional<PhotoShift> shift = forQuery(modelId, image, vector.length);
        return shift.isPresent() ? new Query(shift.get().apply(vector), shift.get().id()) : new Query(vector, null);
    }

    /**
     * The shift a query image goes through for {@code modelId} (vectors of {@code dimension} values): the active
     * one when the image is busy (the border test runs only when a shift is active).
     */
    public Optional<PhotoShift> forQuery(String modelId, BufferedImage image, int dimension) {
        return active(modelId).filter(s -> s.dimension() == dimension && SalientFraming.isBusy(image));
    }

    /**
     * Why the adapt job should learn the shift again for the head {@code headId}: the pool's files changed since.
     * A listing of the folder, no decoding.
     */
    Optional<String> due(String modelId, String headId) {
        if (!enabled()) {
            return Optional.empty();
        }
        String fingerprint = pool.fingerprint();
        Optional<Saved> known = saved().filter(s -> s.modelId().equals(modelId) && s.headId().equals(headId));
        if (known.isEmpty()) {
            return fingerprint.isEmpty() ? Optional.empty()
                    : Optional.of("the photo pool " + config.photoPool() + " has no photo shift for this head yet");
        }
        if (!known.get().poolFingerprint().equals(fingerprint)) {
            return Optional.of("the photo pool " + config.photoPool() + " has changed since the photo shift was "
                    + "learned");
        }
        return known.get().shift().filter(s -> s.strength() != config.photoShift())
                .map(s -> "the photo shift was learned with strength " + s.strength() + ", app.adapt.photo-shift is "
                        + config.photoShift());
    }

    /**
     * Learns the shift for {@code modelId} in front of the head {@code headId} from the catalogue's stored vectors
     * and the pool's busy photos, each embedded as a query is (cut out by the salient mask), and saves it. Blocks.
     */
    Learned learn(String modelId, String headId, List<float[]> catalogue, Progress progress) {
        PhotoPool.Read read = pool.read(decoder, MAX_PHOTOS);
        List<BufferedImage> busy = read.photos().stream().filter(SalientFraming::isBusy).toList();
        Optional<PhotoShift> shift = Optional.empty();
        if (busy.size() >= Math.max(1, config.photoPoolMin())) {
            List<float[]> photos = new ArrayList<>();
            for (BufferedImage photo : busy) {
                photos.add(embeddings.embed(photo));
                progress.report((double) photos.size() / busy.size(), "Embedded " + photos.size() + " of "
                        + busy.size() + " busy photos of the photo pool");
            }
            shift = Optional.of(PhotoShift.learn(catalogue, photos, config.photoShift()));
        }
        Saved learned = new Saved(modelId, headId, read.fingerprint(), shift);
        IndexFiles.writeAtomically(file, out -> {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(learned.modelId());
            out.writeUTF(learned.headId());
            out.writeUTF(learned.poolFingerprint());
            out.writeBoolean(learned.shift().isPresent());
            if (learned.shift().isPresent()) {
                learned.shift().get().write(out);
            }
        });
        saved = Optional.of(learned);
        Learned result = new Learned(shift, busy.size(), read.failures());
        LOG.info(result.describe(config.photoPool()));
        return result;
    }

    private Optional<Saved> saved() {
        Optional<Saved> known = saved;
        if (known == null) {
            known = read();
            saved = known;
        }
        return known;
    }

    private Optional<Saved> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not a photo shift file of format " + FORMAT);
            }
            String modelId = in.readUTF();
            String headId = in.readUTF();
            String fingerprint = in.readUTF();
            Optional<PhotoShift> shift = in.readBoolean() ? Optional.of(PhotoShift.read(in)) : Optional.empty();
            return Optional.of(new Saved(modelId, headId, fingerprint, shift));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Saved photo shift unreadable (%s); run the adapt job again", e.getMessage());
            return Optional.empty();
        }
    }
}
