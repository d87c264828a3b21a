package dev.visualsearch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.index.Hit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextIndexTest {

    private static float[] unit(float... v) {
        return Vectors.normalise(v);
    }

    @Test
    void searchesExactlyWithinACategoryAndLeavesOutTheExcluded() {
        TextIndex index = new TextIndex();
        index.put(1, "a", unit(1, 0, 0));
        index.put(2, "a", unit(1, 1, 0));
        index.put(3, "b", unit(1, 0.1f, 0));
        index.put(4, "a", unit(0, 0, 1));
        List<Hit> all = index.search(unit(1, 0, 0), 3, null, Set.of());
        assertEquals(List.of(1L, 3L, 2L), all.stream().map(Hit::id).toList());
        assertEquals(1f, all.get(0).score(), 1e-6);
        assertEquals(List.of(1L, 2L), index.search(unit(1, 0, 0), 2, "a", Set.of()).stream().map(Hit::id).toList());
        assertEquals(List.of(2L, 4L), index.search(unit(1, 0, 0), 5, "a", Set.of(1L)).stream().map(Hit::id).toList());
    }

    @Test
    void loadingKeepsWhatWasPutMeanwhileAndRemovalIsImmediate() {
        TextIndex index = new TextIndex();
        index.put(7, "a", unit(0, 1));
        index.load(List.of(new TextVectorRepository.StoredText(7, "a", unit(1, 0)),
                new TextVectorRepository.StoredText(8, "a", unit(1, 0))));
        assertTrue(index.isLoaded());
        assertEquals(2, index.size());
        assertEquals(7L, index.search(unit(0, 1), 1, null, Set.of()).get(0).id(), "the newer vector stays");
        index.remove(7);
        assertEquals(List.of(8L), index.search(unit(0, 1), 5, null, Set.of()).stream().map(Hit::id).toList());
    }
}
