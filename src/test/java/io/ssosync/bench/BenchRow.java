package io.ssosync.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * One line of the table: a figure's value in each run, the baseline it is compared with (measured or worked out
 * in the same runs), and the target, met when the median meets it.
 *
 * @param format how a value is written, e.g. {@code %.1f s}
 */
record BenchRow(String figure, List<Double> values, String format, String baseline, String target,
        DoublePredicate meets) {

    double median() {
        return Stats.median(values);
    }

    String medianText() {
        return String.format(Locale.ROOT, format, median());
    }

    String spreadText() {
        return values.size() == 1 ? "—" : String.format(Locale.ROOT, format + " – " + format,
                Stats.min(values), Stats.max(values));
    }

    String verdict() {
        return meets.test(median()) ? "met" : "**missed**";
    }
}
