package dev.visualsearch.text;

import dev.visualsearch.index.Hit;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Finds the products whose title and category read most like some words. {@link #ready()} first (it reads the text
 * vectors from the database without blocking, once), then {@link #search} on a worker thread (the model's pass).
 */
@ApplicationScoped
public class TextSearch {

    /** What a search by words found and what it cost: {@code embedMs} is the query's pass through the text model. */
    public record Found(List<Hit> hits, double embedMs, double searchMs) {
    }

    private final TextModel model;
    private final TextVectorRepository vectors;
    private final TextIndex index;

    public TextSearch(TextModel model, TextVectorRepository vectors, TextIndex index) {
        this.model = model;
        this.vectors = vectors;
        this.index = index;
    }

    public String modelId() {
        return model.id();
    }

    /** Completes when the text index holds the stored vectors: at once after the first time. */
    public Uni<Void> ready() {
        if (index.isLoaded()) {
            return Uni.createFrom().voidItem();
        }
        return vectors.all(model.id()).invoke(stored -> {
            if (!index.isLoaded()) {
                index.load(stored);
            }
        }).replaceWithVoid();
    }

    public Found search(String words, int k, String category, Set<Long> exclude) {
        long start = System.nanoTime();
        float[] query = model.embed(words);
        long embedded = System.nanoTime();
        List<Hit> hits = index.search(query, k, category, exclude);
        return new Found(hits, (embedded - start) / 1e6, (System.nanoTime() - embedded) / 1e6);
    }
}
