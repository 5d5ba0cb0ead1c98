package io.ssosync.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, and the label names its selectors match on. The rule, in order:
 * <ol>
 * <li>each {@code name{...}} selector gives its name and the label names before {@code =}, {@code !=}, {@code =~},
 * {@code !~};</li>
 * <li>selector braces {@code {...}}, range and subquery brackets {@code [...]}, string literals and the label lists of
 * {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left}, {@code group_right} are removed;</li>
 * <li>of the identifiers left ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}, not inside a number or a {@code $variable}), one
 * followed by {@code (} is a function or an aggregation, and the PromQL keywords are dropped: the rest, used bare,
 * are metric names.</li>
 * </ol>
 * Names are as Prometheus shows them: {@code _total} on counters, {@code _bucket}/{@code _count}/{@code _sum} on
 * histograms.
 */
final class PromQlNames {

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern REMOVED = Pattern.compile(
            "\\{[^}]*}|\\[[^]]*]|\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'"
                    + "|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "atan2", "inf", "nan", "Inf", "NaN");

    private PromQlNames() {
    }

    /** Each metric name the expression reads, with the label names its selectors match (possibly none). */
    static Map<String, Set<String>> of(String expression) {
        Map<String, Set<String>> names = new TreeMap<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Set<String> labels = names.computeIfAbsent(selector.group(1), n -> new TreeSet<>());
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                labels.add(matcher.group(1));
            }
        }
        String rest = REMOVED.matcher(expression).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            if (!KEYWORDS.contains(name)) {
                names.computeIfAbsent(name, n -> new TreeSet<>());
            }
        }
        return names;
    }
}
