package dev.visualsearch.index;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The index that searches use, swappable in one step: a rebuild fills a new index beside this one and
 * {@link #swap}s it in, so searches never see a half-built index. The lock only guards the reference; an old index
 * is closed after every search that started on it has finished (native indexes free memory on close).
 */
public final class LiveIndex {

    private final ReadWriteLock swapLock = new ReentrantReadWriteLock();
    private VectorIndex current;

    public LiveIndex(VectorIndex initial) {
        initial.goLive();
        this.current = initial;
    }

    public <T> T read(Function<VectorIndex, T> work) {
        swapLock.readLock().lock();
        try {
            return work.apply(current);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    public List<Hit> search(float[] query, int k, Candidates filter) {
        return read(index -> index.search(query, k, filter));
    }

    public void add(long id, float[] vector) {
        read(index -> {
            index.add(id, vector);
            return null;
        });
    }

    public boolean remove(long id) {
        return read(index -> index.remove(id));
    }

    public Optional<float[]> vector(long id) {
        return read(index -> index.vector(id));
    }

    public IndexDescriptor descriptor() {
        return read(VectorIndex::descriptor);
    }

    public int size() {
        return read(VectorIndex::size);
    }

    public void save(Path file) {
        read(index -> {
            index.save(file);
            return null;
        });
    }

    /** Puts {@code replacement} live and closes the previous index once no search uses it. */
    public void swap(VectorIndex replacement) {
        VectorIndex previous;
        replacement.goLive();
        swapLock.writeLock().lock();
        try {
            previous = current;
            current = replacement;
        } finally {
            swapLock.writeLock().unlock();
        }
        if (previous != replacement) {
            previous.close();
        }
    }
}
