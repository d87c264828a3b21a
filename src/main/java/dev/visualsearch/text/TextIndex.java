package dev.visualsearch.text;

import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.index.Hit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The products' text vectors in memory, searched exactly: 384 floats per product, so a scan of 100k products is
 * about 40M multiply-adds (a few milliseconds), well below the query's own forward pass. It is filled from the
 * database on first use and by the text job, and kept current by {@link TextIndexer} as products come and go.
 */
@ApplicationScoped
public class TextIndex {

    private record Entry(String category, float[] vector) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public void put(long productId, String category, float[] vector) {
        entries.put(productId, new Entry(category, vector));
    }

    public void remove(long productId) {
        entries.remove(productId);
    }

    /** Takes every stored vector of the model; those put since (by products added meanwhile) stay. */
    public void load(List<TextVectorRepository.StoredText> stored) {
        stored.forEach(text -> entries.putIfAbsent(text.productId(), new Entry(text.category(), text.vector())));
        loaded = true;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public int size() {
        return entries.size();
    }

    /** The {@code k} products whose text is closest to {@code query}, in {@code category} (null: all). */
    public List<Hit> search(float[] query, int k, String category, Set<Long> exclude) {
        PriorityQueue<Hit> best = new PriorityQueue<>(Comparator.comparingDouble(Hit::score));
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if ((category != null && !Objects.equals(category, entry.category())) || exclude.contains(e.getKey())) {
                continue;
            }
            float score = Vectors.dot(query, entry.vector());
            if (best.size() < k) {
                best.add(new Hit(e.getKey(), score));
            } else if (score > best.peek().score()) {
                best.poll();
                best.add(new Hit(e.getKey(), score));
            }
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparingLong(Hit::id));
        return hits;
    }
}
