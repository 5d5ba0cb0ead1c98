package io.ssosync.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a handful of measurements: the median of an even count is the mean of the middle two. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = sorted(values);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static double min(List<Double> values) {
        return sorted(values).get(0);
    }

    static double max(List<Double> values) {
        List<Double> sorted = sorted(values);
        return sorted.get(sorted.size() - 1);
    }

    /** Nearest rank: a latency that was measured, never one between two. */
    static double percentile(List<Double> values, double percent) {
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static List<Double> sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
