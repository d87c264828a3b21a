package dev.visualsearch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLabelerTest {

    @Test
    void namesTheMajorityCategoryAndTheMostFrequentTitleWords() {
        String label = ClusterLabeler.label(List.of("Toys", "Toys", "Sport"),
                List.of("Yo-yo", "Red yo-yo with string", "Kite and string toys"));
        // "yo" is too short, "toys" is the category; words count once per title, ties alphabetical
        assertEquals("Toys · string, kite, red", label);
    }
}
