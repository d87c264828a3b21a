package dev.visualsearch.common.run;

/**
 * How far a piece of background work has got: the one progress type of every job, import and index build. A job
 * reports the fraction of its own work (0..1) and what it is doing; {@link #scaled} places a step inside a larger
 * run, so a step never needs to know where in the run it sits.
 */
@FunctionalInterface
public interface Progress {

    /** Nothing listens (an index built at start-up, a test). */
    Progress IGNORED = (fraction, message) -> { };

    /** {@code fraction} of this work is done (clamped to 0..1 by the receiver); {@code message} says what it does. */
    void report(double fraction, String message);

    /** This progress as the part from {@code from} to {@code to} of a larger one. */
    default Progress scaled(double from, double to) {
        return (fraction, message) -> report(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
    }
}
