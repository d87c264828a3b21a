package dev.visualsearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CategoryIdsTest {

    @Test
    void aCategorysCandidatesAreItsProductsSortedAndFollowEveryChange() {
        CategoryIds ids = new CategoryIds();
        ids.put(30, "Shoes");
        ids.put(10, "Shoes");
        ids.put(20, "Hats");
        Candidates shoes = ids.candidates("Shoes");
        assertArrayEquals(new long[] {10, 30}, shoes.sortedIds());
        assertEquals(Optional.of("Shoes"), shoes.category());
        assertSame(shoes, ids.candidates("Shoes"), "unchanged categories reuse their sorted list");

        ids.put(20, "Shoes"); // moved from Hats
        assertArrayEquals(new long[] {10, 20, 30}, ids.candidates("Shoes").sortedIds());
        assertEquals(0, ids.candidates("Hats").size());
        ids.remove(10);
        assertArrayEquals(new long[] {20, 30}, ids.candidates("Shoes").sortedIds());
        assertEquals(Optional.of("Shoes"), ids.categoryOf(20));
        assertTrue(ids.categoryOf(10).isEmpty());
        assertEquals(0, ids.candidates("Unknown").size());
    }
}
