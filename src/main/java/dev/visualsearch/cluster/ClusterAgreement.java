package dev.visualsearch.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well clusters agree with reference labels (here the catalogue categories): normalised mutual information
 * (arithmetic-mean normalisation, as scikit-learn's default) and the adjusted Rand index (Hubert and Arabie 1985).
 * Both are 1 for identical partitions; ARI is about 0 for a random one.
 */
public record ClusterAgreement(double nmi, double ari) {

    public static <A, B> ClusterAgreement of(List<A> clusters, List<B> labels) {
        if (clusters.size() != labels.size()) {
            throw new IllegalArgumentException("clusters and labels differ in length");
        }
        int n = clusters.size();
        Map<A, Map<B, Integer>> table = new HashMap<>();
        Map<A, Integer> rows = new HashMap<>();
        Map<B, Integer> columns = new HashMap<>();
        for (int i = 0; i < n; i++) {
            table.computeIfAbsent(clusters.get(i), c -> new HashMap<>()).merge(labels.get(i), 1, Integer::sum);
            rows.merge(clusters.get(i), 1, Integer::sum);
            columns.merge(labels.get(i), 1, Integer::sum);
        }
        return new ClusterAgreement(nmi(table, rows, columns, n), ari(table, rows, columns, n));
    }

    private static <A, B> double nmi(Map<A, Map<B, Integer>> table, Map<A, Integer> rows, Map<B, Integer> columns,
                                     int n) {
        double mutual = 0;
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                double nij = cell.getValue();
                mutual += nij / n * Math.log(n * nij / ((double) rows.get(row.getKey()) * columns.get(cell.getKey())));
            }
        }
        double hRows = entropy(rows, n);
        double hColumns = entropy(columns, n);
        if (hRows == 0 && hColumns == 0) {
            return 1; // both partitions are a single block: identical
        }
        double mean = (hRows + hColumns) / 2;
        return mean == 0 ? 0 : Math.max(0, mutual) / mean;
    }

    private static double entropy(Map<?, Integer> counts, int n) {
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h;
    }

    private static <A, B> double ari(Map<A, Map<B, Integer>> table, Map<A, Integer> rows, Map<B, Integer> columns,
                                     int n) {
        double index = 0;
        for (Map<B, Integer> row : table.values()) {
            for (int nij : row.values()) {
                index += pairs(nij);
            }
        }
        double sumRows = rows.values().stream().mapToDouble(ClusterAgreement::pairs).sum();
        double sumColumns = columns.values().stream().mapToDouble(ClusterAgreement::pairs).sum();
        double expected = sumRows * sumColumns / pairs(n);
        double max = (sumRows + sumColumns) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double pairs(double m) {
        return m * (m - 1) / 2;
    }
}
