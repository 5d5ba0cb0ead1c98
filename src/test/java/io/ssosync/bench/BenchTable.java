package io.ssosync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's result as a Markdown table with the date and the machine, printed and written to
 * {@code target/bench/performance.md} for the README's Performance section.
 */
final class BenchTable {

    static final Path FILE = Path.of("target", "bench", "performance.md");

    private final List<BenchRow> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(BenchRow row) {
        rows.add(row);
    }

    /** A line under the table: what a figure's runs showed beyond its numbers (429s, warm-up steps...). */
    void note(String note) {
        notes.add(note);
    }

    String render(String machine) {
        StringBuilder text = new StringBuilder();
        text.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(" on ").append(machine).append(".\n\n");
        text.append("| figure | median | spread (min – max) | runs | baseline in the same run | target | |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (BenchRow row : rows) {
            text.append("| ").append(row.figure()).append(" | ").append(row.medianText()).append(" | ")
                    .append(row.spreadText()).append(" | ").append(row.values().size()).append(" | ")
                    .append(row.baseline()).append(" | ").append(row.target()).append(" | ").append(row.verdict())
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }

    void printAndWrite(String machine) {
        String text = render(machine);
        System.out.println("\n" + text);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }
}
