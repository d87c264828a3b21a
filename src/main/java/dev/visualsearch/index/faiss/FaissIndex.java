package dev.visualsearch.index.faiss;

import dev.visualsearch.common.AtomicFiles;
import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.IndexDescriptor;
import dev.visualsearch.index.IndexFileHeader;
import dev.visualsearch.index.SearchDepth;
import dev.visualsearch.index.IndexFiles;
import dev.visualsearch.index.VectorIndex;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A FAISS index (inner product on unit vectors = cosine) whose FAISS ids are the product ids, so the files FAISS
 * writes mean the same thing in Python. HNSW cannot delete: removed ids become tombstones that searches skip (they
 * over-fetch by the tombstone count) until the next rebuild; Flat and IVF delete for real.
 *
 * <p>Files: {@code <name>.faiss} is FAISS's own {@code write_index} output; {@code <name>.header} holds the
 * {@link IndexFileHeader} and the tombstones.
 */
public final class FaissIndex implements VectorIndex {

    private final IndexDescriptor descriptor;
    private final int dim;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<Long> live = new HashSet<>();
    private final Set<Long> tombstones = new HashSet<>();
    private final boolean canRemove;
    private long handle;
    private volatile SearchDepth depth;
    /** The catalogue (database) this index was built from; recorded in the saved header. */
    private volatile String catalogue;

    private FaissIndex(long handle, IndexDescriptor descriptor, boolean canRemove) {
        this.handle = handle;
        this.descriptor = descriptor;
        this.dim = descriptor.dimension();
        this.canRemove = canRemove;
    }

    /**
     * Builds an index of the given FAISS factory description (e.g. {@code HNSW32}, {@code IVF64,Flat}, {@code Flat})
     * from {@code ids}/{@code vectors} (row-major), training it first when the description needs it.
     */
    public static FaissIndex build(String factory, String modelId, int dimension, long[] ids, float[] vectors,
                                   int efSearch, int nprobe) {
        return build(factory, modelId, dimension, ids, vectors, efSearch, nprobe, 1);
    }

    /**
     * As above, training and adding on {@code threads} OpenMP threads (HNSW inserts and k-means run in parallel);
     * searches go back to one thread afterwards. The thread count is process-wide while the build runs, which a
     * single-query search does not use (FAISS parallelises over queries).
     */
    public static FaissIndex build(String factory, String modelId, int dimension, long[] ids, float[] vectors,
                                   int efSearch, int nprobe, int threads) {
        long handle = FaissNative.create(factory, dimension, FaissNative.METRIC_INNER_PRODUCT);
        FaissNative.setThreads(Math.max(1, threads));
        try {
            if (!FaissNative.isTrained(handle)) {
                FaissNative.train(handle, vectors, ids.length);
            }
            if (ids.length > 0) {
                FaissNative.addWithIds(handle, vectors, ids, ids.length);
            }
            tune(handle, factory, efSearch, nprobe);
        } catch (RuntimeException e) {
            FaissNative.free(handle);
            throw e;
        } finally {
            FaissNative.setThreads(1);
        }
        FaissIndex index = new FaissIndex(handle, descriptor(factory, modelId, dimension), !factory.contains("HNSW"));
        for (long id : ids) {
            index.live.add(id);
        }
        return index;
    }

    private static IndexDescriptor descriptor(String factory, String modelId, int dimension) {
        return new IndexDescriptor("faiss:" + factory, modelId, dimension, IndexDescriptor.COSINE);
    }

    private static void tune(long handle, String factory, int efSearch, int nprobe) {
        if (factory.contains("HNSW")) {
            FaissNative.setHnswEfSearch(handle, efSearch);
        }
        if (factory.startsWith("IVF")) {
            FaissNative.setNprobe(handle, nprobe);
        }
    }

    private String factory() {
        return descriptor.backend().replaceFirst("^faiss:", "");
    }

    /** The catalogue this index was built from (null: unknown, a file saved before it was recorded). */
    public String catalogue() {
        return catalogue;
    }

    public void builtFrom(String catalogueId) {
        catalogue = catalogueId;
    }

    @Override
    public String depthParameter() {
        String factory = factory();
        return factory.contains("HNSW") ? "efSearch" : factory.startsWith("IVF") ? "nprobe" : null;
    }

    /** efSearch from 16 (FAISS searches at least k deep anyway) to 512; nprobe in powers of two up to the list count. */
    @Override
    public int[] depthLadder() {
        String factory = factory();
        if (factory.contains("HNSW")) {
            return new int[] {16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};
        }
        if (factory.startsWith("IVF")) {
            int lists = Integer.parseInt(factory.substring(3, factory.indexOf(',')));
            return java.util.stream.IntStream.iterate(1, n -> n <= lists, n -> n * 2).toArray();
        }
        return new int[0];
    }

    @Override
    public void useDepth(SearchDepth chosen) {
        if (chosen.value() != null) {
            retune(chosen.value(), chosen.value());
        }
        depth = chosen;
    }

    @Override
    public Optional<SearchDepth> searchDepth() {
        return Optional.ofNullable(depth);
    }

    /** Changes the search depth (HNSW efSearch, IVF nprobe) of this index; used by benchmarks to sweep them. */
    public void retune(int efSearch, int nprobe) {
        lock.writeLock().lock();
        try {
            tune(handle, descriptor.backend().replaceFirst("^faiss:", ""), efSearch, nprobe);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public IndexDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return live.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Deleted ids still inside an HNSW graph; a rebuild clears them. */
    @Override
    public int tombstones() {
        lock.readLock().lock();
        try {
            return tombstones.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds a vector. An id already present is replaced where FAISS can delete; in HNSW it is kept as it is, which is
     * exact for this service because a product's vector under one model never changes (same image, same model).
     */
    @Override
    public void add(long id, float[] vector) {
        requireDimension(vector);
        lock.writeLock().lock();
        try {
            if (live.contains(id)) {
                if (!canRemove) {
                    return;
                }
                FaissNative.removeIds(handle, new long[] {id});
            }
            FaissNative.addWithIds(handle, vector, new long[] {id}, 1);
            live.add(id);
            tombstones.remove(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            if (!live.remove(id)) {
                return false;
            }
            if (canRemove) {
                FaissNative.removeIds(handle, new long[] {id});
            } else {
                tombstones.add(id);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<Hit> search(float[] query, int k, Candidates filter) {
        requireDimension(query);
        lock.readLock().lock();
        try {
            int fetch = Math.min(Math.max(1, (int) FaissNative.ntotal(handle)), k + tombstones.size());
            if (live.isEmpty()) {
                return List.of();
            }
            float[] distances = new float[fetch];
            long[] labels = new long[fetch];
            if (filter == null) {
                FaissNative.search(handle, query, 1, fetch, distances, labels);
            } else {
                long[] allowed = liveOnly(filter.sortedIds());
                if (allowed.length == 0) {
                    return List.of();
                }
                FaissNative.searchFiltered(handle, query, 1, fetch, allowed, distances, labels);
            }
            List<Hit> hits = new ArrayList<>(k);
            for (int i = 0; i < fetch && hits.size() < k; i++) {
                if (labels[i] >= 0 && live.contains(labels[i])) {
                    hits.add(new Hit(labels[i], distances[i]));
                }
            }
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    private long[] liveOnly(long[] sortedIds) {
        return java.util.Arrays.stream(sortedIds).filter(live::contains).toArray();
    }

    @Override
    public long[] ids() {
        lock.readLock().lock();
        try {
            return live.stream().mapToLong(Long::longValue).toArray();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** FAISS does not hand vectors back for every index type; the exact index serves vector lookups. */
    @Override
    public Optional<float[]> vector(long id) {
        return Optional.empty();
    }

    @Override
    public void save(Path file) {
        lock.readLock().lock();
        try {
            Path faissFile = file.resolveSibling(file.getFileName() + ".faiss");
            Path temp = faissFile.resolveSibling(faissFile.getFileName() + ".tmp");
            Files.createDirectories(file.toAbsolutePath().getParent());
            FaissNative.write(handle, temp.toString());
            AtomicFiles.moveIntoPlace(temp, faissFile);
            IndexFiles.writeAtomically(file.resolveSibling(file.getFileName() + ".header"), out -> {
                IndexFileHeader.current(descriptor, live.size(), depth, catalogue).write(out);
                for (long id : live) {
                    out.writeLong(id);
                }
                out.writeInt(tombstones.size());
                for (long id : tombstones) {
                    out.writeLong(id);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the FAISS index to " + file, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Reads an index saved by {@link #save}; the caller checks the descriptor against the active model. The depth
     * the index was tuned to (header version 2) wins over {@code efSearch}/{@code nprobe}.
     */
    public static FaissIndex load(Path file, int efSearch, int nprobe) throws IOException {
        IndexFileHeader header;
        Set<Long> liveIds = new HashSet<>();
        Set<Long> tombstones = new HashSet<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(
                file.resolveSibling(file.getFileName() + ".header"))))) {
            header = IndexFileHeader.read(in);
            for (long i = 0; i < header.count(); i++) {
                liveIds.add(in.readLong());
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                tombstones.add(in.readLong());
            }
        }
        String factory = header.descriptor().backend().replaceFirst("^faiss:", "");
        long handle = FaissNative.read(file.resolveSibling(file.getFileName() + ".faiss").toString());
        tune(handle, factory, efSearch, nprobe);
        FaissIndex index = new FaissIndex(handle, header.descriptor(), !factory.contains("HNSW"));
        index.tombstones.addAll(tombstones);
        index.live.addAll(liveIds);
        if (header.depth() != null) {
            index.useDepth(header.depth());
        }
        index.catalogue = header.catalogue();
        return index;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            FaissNative.free(handle);
            handle = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireDimension(float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("Expected a " + dim + "-d vector, got " + vector.length);
        }
    }
}
