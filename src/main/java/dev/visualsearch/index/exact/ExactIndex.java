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
 * Rows stay packed: a removal moves the last row into the freed slot. From {@code compactFrom} rows on, a full scan
 * reads an 8-bit copy of the rows instead (each row scaled by its largest value; a quarter of the bytes, which is
 * what bounds a scan of a million rows) for a few times k candidates, and those are scored again on the float rows,
 * so the answer is the float scan's (ExactIndexTest checks recall@10 = 1.0 against it).
 */
public final class ExactIndex implements VectorIndex {

    public static final String BACKEND = "exact";
    /** Below this many rows one thread scans faster than handing out parts. */
    private static final int PARALLEL_FROM = 50_000;
    private static final int SCAN_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());
    /** Rows from which full scans read the 8-bit copy: at 100,000 it was 2.7 times faster (docs/performance.md). */
    public static final int COMPACT_FROM = 100_000;
    /** Candidates the 8-bit scan keeps per result before the float re-score: at least this many times k. */
    private static final int RERANK_FACTOR = 5;
    private static final int RERANK_MIN = 50;

    private final IndexDescriptor descriptor;
    private final int dim;
    private final DotKernel kernel = DotKernel.best();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> slots = new HashMap<>();
    private final int compactFrom;
    private float[] matrix;
    /** The rows in 8 bits ({@code round(x / scale)}) and each row's scale; kept in step with {@code matrix}. */
    private byte[] codes;
    private float[] scales;
    private long[] ids;
    private int size;

    public ExactIndex(String modelId, int dimension) {
        this(modelId, dimension, 1024);
    }

    /** Sized up front for {@code capacity} vectors: growing copies the matrix, which at a million rows doubles memory. */
    public ExactIndex(String modelId, int dimension, int capacity) {
        this(modelId, dimension, capacity, COMPACT_FROM);
    }

    /** As above; full scans of {@code compactFrom} rows or more read the 8-bit copy (Integer.MAX_VALUE: never). */
    public ExactIndex(String modelId, int dimension, int capacity, int compactFrom) {
        this.descriptor = new IndexDescriptor(BACKEND, modelId, dimension, IndexDescriptor.COSINE);
        this.dim = dimension;
        this.compactFrom = compactFrom;
        this.matrix = new float[Math.max(1, capacity) * dimension];
        this.codes = new byte[Math.max(1, capacity) * dimension];
        this.scales = new float[Math.max(1, capacity)];
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
            encode(slot);
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
                System.arraycopy(codes, last * dim, codes, slot * dim, dim);
                scales[slot] = scales[last];
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
            } else if (size >= compactFrom) {
                return rescored(query, k, fullScan(query, Math.max(RERANK_MIN, RERANK_FACTOR * k), filter, true));
            } else {
                return fullScan(query, k, filter, false);
            }
        } finally {
            lock.readLock().unlock();
        }
        return top.result();
    }

    /** Every row that passes the filter, over the cores from {@link #PARALLEL_FROM} rows; read lock held. */
    private List<Hit> fullScan(float[] query, int k, Candidates filter, boolean compact) {
        if (size >= PARALLEL_FROM && SCAN_THREADS > 1) {
            return parallelScan(query, k, filter, compact);
        }
        TopK top = new TopK(k);
        scan(query, filter, 0, size, top, compact);
        return top.result();
    }

    /** The 8-bit scan's candidates scored on the float rows: the float scan's top k among them. */
    private List<Hit> rescored(float[] query, int k, List<Hit> candidates) {
        TopK top = new TopK(k);
        for (Hit hit : candidates) {
            top.offer(hit.id(), kernel.dot(query, matrix, slots.get(hit.id()) * dim, dim));
        }
        return top.result();
    }

    /**
     * Scores the rows {@code from..to} (exclusive) that pass the filter into {@code top}, from the float rows or
     * their 8-bit copy; read lock held.
     */
    private void scan(float[] query, Candidates filter, int from, int to, TopK top, boolean compact) {
        for (int slot = from; slot < to; slot++) {
            if (filter == null || filter.contains(ids[slot])) {
                top.offer(ids[slot], compact ? scales[slot] * kernel.dot(query, codes, slot * dim, dim)
                        : kernel.dot(query, matrix, slot * dim, dim));
            }
        }
    }

    /** The 8-bit copy of row {@code slot}, scaled by its largest absolute value. */
    private void encode(int slot) {
        int offset = slot * dim;
        float max = 0;
        for (int i = 0; i < dim; i++) {
            max = Math.max(max, Math.abs(matrix[offset + i]));
        }
        float scale = max == 0 ? 1 : max / 127f;
        scales[slot] = scale;
        for (int i = 0; i < dim; i++) {
            codes[offset + i] = (byte) Math.round(matrix[offset + i] / scale);
        }
    }

    /**
     * A large scan split over the cores: one query at a time reads the whole matrix (300 MB at 100k x 768), which
     * one core's memory bandwidth cannot do in under 15 ms; the parts run in the common pool and on the calling
     * thread, and their top-k lists are merged. Called with the read lock held; the parts read under it.
     */
    private List<Hit> parallelScan(float[] query, int k, Candidates filter, boolean compact) {
        int parts = SCAN_THREADS;
        int chunk = (size + parts - 1) / parts;
        List<CompletableFuture<TopK>> others = new ArrayList<>();
        for (int part = 1; part < parts; part++) {
            int from = part * chunk;
            int to = Math.min(size, from + chunk);
            others.add(CompletableFuture.supplyAsync(() -> {
                TopK partial = new TopK(k);
                scan(query, filter, from, to, partial, compact);
                return partial;
            }, ForkJoinPool.commonPool()));
        }
        TopK top = new TopK(k);
        scan(query, filter, 0, Math.min(size, chunk), top, compact);
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
        for (int slot = 0; slot < count; slot++) {
            index.encode(slot);
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
            codes = Arrays.copyOf(codes, capacity * dim);
            scales = Arrays.copyOf(scales, capacity);
        }
    }

    private void requireDimension(float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("Expected a " + dim + "-d vector, got " + vector.length);
        }
    }
}
