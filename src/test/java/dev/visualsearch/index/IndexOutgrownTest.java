package dev.visualsearch.index;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndexOutgrownTest {

    @Test
    void anIndexOutgrowsItsSpaceWhenItHasDoubledAndHoldsEnoughToLearnFrom() {
        assertFalse(IndexOutgrown.outgrown(99, 0, 100, 2.0), "too few vectors to learn a whitening");
        assertTrue(IndexOutgrown.outgrown(100, 0, 100, 2.0), "an empty start reaching the minimum");
        assertFalse(IndexOutgrown.outgrown(799, 400, 100, 2.0));
        assertTrue(IndexOutgrown.outgrown(800, 400, 100, 2.0));
        assertFalse(IndexOutgrown.outgrown(100_000, 10, 100, 0), "growth 0 switches it off");
    }
}
