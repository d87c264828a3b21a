package dev.visualsearch.search;

import dev.visualsearch.common.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the vectors of recent query images by content, so that the same photo searched again (another k, another
 * category, another mode: what a merchandiser does while exploring) skips the forward pass, the costly part of a
 * search. Keyed by the model id and the SHA-256 of the uploaded bytes; least recently used entries go first.
 */
@ApplicationScoped
public class QueryVectorCache {

    private final int capacity;
    private final Map<String, float[]> vectors;

    public QueryVectorCache(SearchConfig config) {
        this.capacity = Math.max(0, config.queryVectorCache());
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    public static String key(String modelId, byte[] imageBytes) {
        return modelId + ":" + HexFormat.of().formatHex(Digests.of("SHA-256", imageBytes));
    }

    public Optional<float[]> get(String key) {
        synchronized (vectors) {
            float[] vector = vectors.get(key);
            return vector == null ? Optional.empty() : Optional.of(vector.clone());
        }
    }

    public void put(String key, float[] vector) {
        if (capacity == 0) {
            return;
        }
        synchronized (vectors) {
            vectors.put(key, vector.clone());
        }
    }
}
