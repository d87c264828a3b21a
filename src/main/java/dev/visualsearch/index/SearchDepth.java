package dev.visualsearch.index;

/**
 * How deep the approximate index searches and what that measured: {@code parameter} is {@code efSearch} (HNSW) or
 * {@code nprobe} (IVF), null for an index without one (flat, OpenSearch); {@code value} the depth in use (null
 * likewise); {@code measuredRecall} recall@10 against the exact index on {@code queries} vectors drawn from the
 * catalogue when the index held {@code vectors}; {@code reached} whether it met {@code targetRecall}.
 */
public record SearchDepth(String parameter, Integer value, double targetRecall, double measuredRecall, int queries,
                          int vectors) {

    public boolean reached() {
        return measuredRecall >= targetRecall;
    }
}
