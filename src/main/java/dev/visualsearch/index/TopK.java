package dev.visualsearch.index;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the k highest scores seen (a min-heap of size k); ties are broken by the smaller id for stable results. */
public final class TopK {

    private final int k;
    private final PriorityQueue<Hit> heap;

    public TopK(int k) {
        this.k = k;
        this.heap = new PriorityQueue<>(Math.max(1, k), TopK::worstFirst);
    }

    public void offer(long id, float score) {
        if (heap.size() < k) {
            heap.add(new Hit(id, score));
        } else if (k > 0 && better(score, id, heap.peek())) {
            heap.poll();
            heap.add(new Hit(id, score));
        }
    }

    /** The kept hits, best first. */
    public List<Hit> result() {
        List<Hit> hits = new ArrayList<>(heap);
        hits.sort((a, b) -> worstFirst(b, a));
        return hits;
    }

    private static boolean better(float score, long id, Hit than) {
        return score > than.score() || (score == than.score() && id < than.id());
    }

    private static int worstFirst(Hit a, Hit b) {
        int byScore = Float.compare(a.score(), b.score());
        return byScore != 0 ? byScore : Long.compare(b.id(), a.id());
    }
}
