package io.ssosync.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings README "Configuration" documents, as the deployment files must use them: every backquoted
 * upper-case name in the section, and the table rows marked "(required)". The README is the list users read, so
 * the deployment files are checked against it rather than against a second list.
 */
final class DocumentedSettings {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
    private static final String HEADING = "## Configuration";

    private final String section;

    private DocumentedSettings(String section) {
        this.section = section;
    }

    static DocumentedSettings read() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n" + HEADING + "\n");
        if (start < 0) {
            throw new AssertionError("README has no " + HEADING);
        }
        int end = readme.indexOf("\n## ", start + HEADING.length() + 1);
        return new DocumentedSettings(readme.substring(start, end < 0 ? readme.length() : end));
    }

    Set<String> names() {
        Set<String> found = new TreeSet<>();
        Matcher names = NAME.matcher(section);
        while (names.find()) {
            found.add(names.group(1));
        }
        return found;
    }

    Set<String> required() {
        Set<String> required = new TreeSet<>();
        Matcher rows = TABLE_ROW.matcher(section);
        while (rows.find()) {
            if (rows.group(2).contains("(required)")) {
                required.add(rows.group(1));
            }
        }
        return required;
    }
}
