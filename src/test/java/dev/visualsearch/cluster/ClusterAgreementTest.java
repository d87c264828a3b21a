package dev.visualsearch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAgreementTest {

    @Test
    void matchesScikitLearnOnASmallExample() {
        // the values scikit-learn gives: adjusted_rand_score = 0.2424..., normalized_mutual_info_score
        // (arithmetic mean) = 0.5158... (checked by hand from the contingency table)
        ClusterAgreement agreement = ClusterAgreement.of(List.of(0, 0, 1, 1, 2, 2), List.of("a", "a", "a", "b", "b", "b"));
        assertEquals(0.24242424242424243, agreement.ari(), 1e-12);
        assertEquals(0.5158037429793889, agreement.nmi(), 1e-12);
    }

    @Test
    void relabelledIdenticalPartitionsAgreeFully() {
        ClusterAgreement agreement = ClusterAgreement.of(List.of(5, 5, 9, 9, 1), List.of("x", "x", "y", "y", "z"));
        assertEquals(1.0, agreement.ari(), 1e-12);
        assertEquals(1.0, agreement.nmi(), 1e-12);
    }
}
