package dev.visualsearch.index.exact;

import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.IndexDescriptor;
import dev.visualsearch.index.IndexFileHeader;
import dev.visualsearch.index.IndexFiles;
import dev.visualsearch.index.TopK;
import dev.visualsearch.index.VectorIndex;
import dev.visualsearch.index.VectorRows;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Brute-force cosine over one contiguous float array: the ground truth every other backend is tested against.
 * Rows stay packed: a removal moves the last row into the freed slot.
 */
public final class ExactIndex implements VectorIndex {

    public static final String BACKEND = "exact";
    /** Below this many rows one thread scans faster than handing out parts. */
    private static final int PARALLEL_FROM = 50_000;
    private static final int SCAN_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    private final IndexDescriptor descriptor;
    private final int dim;
    private final DotKernel kernel = DotKernel.best();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> slots = new HashMap<>();
    private float[] matrix;
    private long[] ids;
    private int size;

    public ExactIndex(String modelId, int dimension) {
        this(modelId, dimension, 1024);
    }

    /** Sized up front for {@code capacity} vectors: growing copies the matrix, which at a million rows doubles memory. */
    public ExactIndex(String modelId, int dimension, int capacity) {
        this.descriptor = new IndexDescriptor(BACKEND, modelId, dimension, IndexDescriptor.COSINE);
        this.dim = dimension;
        this.matrix = new float[Math.max(1, capacity) * dimension];
        this.ids = new long[Math.max(1, capacity)];
    }

    /** The SIMD or scalar kernel in use, for status pages and benchmarks. */
    public String kernel() {
        return kernel.name();
    }

    @Override
    public IndexDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void add(long id, float[] vector) {
        requireDimension(vector);
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(id);
            if (slot == null) {
                ensureCapacity(size + 1);
                slot = size++;
                slots.put(id, slot);
                ids[slot] = id;
            }
            System.arraycopy(vector, 0, matrix, slot * dim, dim);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(id);
            if (slot == null) {
                return false;
            }
            int last = --size;
            if (slot != last) {
                System.arraycopy(matrix, last * dim, matrix, slot * dim, dim);
                ids[slot] = ids[last];
                slots.put(ids[slot], slot);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<Hit> search(float[] query, int k, Candidates filter) {
        requireDimension(query);
        TopK top = new TopK(k);
        lock.readLock().lock();
        try {
            if (filter != null && filter.size() < size / 4) {
                for (long id : filter.sortedIds()) {
                    Integer slot = slots.get(id);
                    if (slot != null) {
                        top.offer(id, kernel.dot(query, matrix, slot * dim, dim));
                    }
                }
            } else if (size >= PARALLEL_FROM && SCAN_THREADS > 1) {
                return parallelScan(query, k, filter);
            } else {
                scan(query, filter, 0, size, top);
            }
        } finally {
            lock.readLock().unlock();
        }
        return top.result();
    }

    /** Scores the rows {@code from..to} (exclusive) that pass the filter into {@code top}; read lock held. */
    private void scan(float[] query, Candidates filter, int from, int to, TopK top) {
        for (int slot = from; slot < to; slot++) {
            if (filter == null || filter.contains(ids[slot])) {
                top.offer(ids[slot], kernel.dot(query, matrix, slot * dim, dim));
            }
        }
    }

    /**
     * A large scan split over the cores: one query at a time reads the whole matrix (300 MB at 100k x 768), which
     * one core's memory bandwidth cannot do in under 15 ms; the parts run in the common pool and on the calling
     * thread, and their top-k lists are merged. Called with the read lock held; the parts read under it.
     */
    private List<Hit> parallelScan(float[] query, int k, Candidates filter) {
        int parts = SCAN_THREADS;
        int chunk = (size + parts - 1) / parts;
        List<CompletableFuture<TopK>> others = new ArrayList<>();
        for (int part = 1; part < parts; part++) {
            int from = part * chunk;
            int to = Math.min(size, from + chunk);
            others.add(CompletableFuture.supplyAsync(() -> {
                TopK partial = new TopK(k);
                scan(query, filter, from, to, partial);
                return partial;
            }, ForkJoinPool.commonPool()));
        }
        TopK top = new TopK(k);
        scan(query, filter, 0, Math.min(size, chunk), top);
        for (CompletableFuture<TopK> other : others) {
            for (Hit hit : other.join().result()) {
                top.offer(hit.id(), hit.score());
            }
        }
        return top.result();
    }

    @Override
    public long[] ids() {
        lock.readLock().lock();
        try {
            return Arrays.copyOf(ids, size);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public VectorRows rows() {
        lock.readLock().lock();
        try {
            return new VectorRows(Arrays.copyOf(ids, size), Arrays.copyOf(matrix, size * dim), dim);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<float[]> vector(long id) {
        lock.readLock().lock();
        try {
            Integer slot = slots.get(id);
            return slot == null ? Optional.empty()
                    : Optional.of(Arrays.copyOfRange(matrix, slot * dim, slot * dim + dim));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Payload after the header: count ids (long), then count x dim floats, all big-endian (DataOutput). */
    @Override
    public void save(Path file) {
        lock.readLock().lock();
        try {
            IndexFiles.writeAtomically(file, out -> {
                IndexFileHeader.current(descriptor, size).write(out);
                for (int i = 0; i < size; i++) {
                    out.writeLong(ids[i]);
                }
                for (int i = 0; i < size * dim; i++) {
                    out.writeFloat(matrix[i]);
                }
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Reads a file written by {@link #save}; the caller checks the header against the active model. */
    public static ExactIndex read(DataInputStream in, IndexFileHeader header) throws IOException {
        IndexDescriptor d = header.descriptor();
        if (!d.backend().equals(BACKEND)) {
            throw new IOException("Not an exact index file: " + d.backend());
        }
        int count = Math.toIntExact(header.count());
        ExactIndex index = new ExactIndex(d.modelId(), d.dimension(), Math.max(1024, count));
        for (int i = 0; i < count; i++) {
            index.ids[i] = in.readLong();
            index.slots.put(index.ids[i], i);
        }
        for (int i = 0; i < count * d.dimension(); i++) {
            index.matrix[i] = in.readFloat();
        }
        index.size = count;
        return index;
    }

    @Override
    public void close() {
        // heap memory only
    }

    private void ensureCapacity(int rows) {
        if (rows > ids.length) {
            int capacity = Math.max(rows, ids.length + (ids.length >> 1));
            ids = Arrays.copyOf(ids, capacity);
            matrix = Arrays.copyOf(matrix, capacity * dim);
        }
    }

    private void requireDimension(float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("Expected a " + dim + "-d vector, got " + vector.length);
        }
    }
}
