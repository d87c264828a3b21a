package dev.visualsearch.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visualsearch.common.error.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleStrategyTest {

    private static final float[] X = {1, 0, 0};
    private static final float[] Y = {0, 1, 0};
    private static final float[] Z = {0, 0, 1};

    @Test
    void averageIsTheMeanOfThePositivesWithoutNegatives() {
        float s = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] {s, s, 0}, ExampleStrategy.averageQuery(List.of(X, Y), List.of()), 1e-6f);
    }

    @Test
    void averageStepsAwayFromTheNegativesByTheGapBetweenTheMeans() {
        // 2 * (1, 0, 0) - (0, 1, 0) = (2, -1, 0), normalised
        float n = (float) Math.sqrt(5);
        assertArrayEquals(new float[] {2 / n, -1 / n, 0}, ExampleStrategy.averageQuery(List.of(X), List.of(Y)),
                1e-6f);
    }

    @Test
    void bestTakesTheNearestPositiveUnlessANegativeIsNearer() {
        float[] nearX = normalise(0.9f, 0.1f, 0.2f);
        float[] nearY = normalise(0.1f, 0.9f, 0.2f);
        assertEquals(nearX[0], ExampleStrategy.bestScore(nearX, List.of(X, Z), List.of(Y)), 1e-6f);
        assertEquals(-(nearY[1] * nearY[1]), ExampleStrategy.bestScore(nearY, List.of(X, Z), List.of(Y)), 1e-6f);
        assertEquals(nearY[2], ExampleStrategy.bestScore(nearY, List.of(X, Z), List.of()), 1e-6f);
    }

    @Test
    void unknownStrategiesAreABadRequestAndNoneIsAverage() {
        assertEquals(ExampleStrategy.average, ExampleStrategy.parse(null));
        assertEquals(ExampleStrategy.best, ExampleStrategy.parse(" best "));
        assertEquals(400, assertThrows(ApiProblem.class, () -> ExampleStrategy.parse("mean")).status());
        assertThrows(IllegalArgumentException.class, () -> ExampleStrategy.averageQuery(List.of(), List.of(X)));
    }

    private static float[] normalise(float... v) {
        float n = (float) Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new float[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
