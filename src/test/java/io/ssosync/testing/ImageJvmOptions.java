package io.ssosync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the image's launcher ({@code run-java.sh} of the ubi9 OpenJDK runtime image) passes to the service,
 * so that what runs the jar here (the benchmark) runs it as the image does: the launcher's collector defaults
 * ({@code java-default-options}: the parallel collector unless {@code GC_CONTAINER_OPTIONS} says otherwise, with its
 * heap-shrinking ratios, and exit on out-of-memory), then the {@code -XX:} options of the Dockerfile's
 * {@code JAVA_OPTS_APPEND}. The launcher's heap share ({@code -XX:MaxRAMPercentage=50}) is left to the caller: a heap
 * of 256 MB is that share of the Deployment's 512 MiB limit.
 */
public final class ImageJvmOptions {

    public static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final List<String> LAUNCHER_DEFAULTS = List.of("-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4", "-XX:AdaptiveSizePolicyWeight=90",
            "-XX:+ExitOnOutOfMemoryError");
    private static final Pattern APPENDED = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"");

    private ImageJvmOptions() {
    }

    /** The launcher's defaults followed by the Dockerfile's own {@code -XX:} options. */
    public static List<String> read() {
        try {
            Matcher appended = APPENDED.matcher(Files.readString(DOCKERFILE));
            if (!appended.find()) {
                throw new IllegalStateException(DOCKERFILE + " sets no JAVA_OPTS_APPEND");
            }
            List<String> options = new ArrayList<>(LAUNCHER_DEFAULTS);
            Arrays.stream(appended.group(1).trim().split("\\s+")).filter(option -> option.startsWith("-XX:"))
                    .forEach(options::add);
            return List.copyOf(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCKERFILE, e);
        }
    }
}
