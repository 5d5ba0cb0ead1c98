package io.ssosync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the bench ran: CPU model and cores, memory, Java, and the load while it ran. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format("%s, %d cores, %s memory; Java %s (%s); load average %s",
                cpuModel(), Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), loadAverage());
    }

    private static String cpuModel() {
        return lines(Path.of("/proc/cpuinfo")).flatMap(text -> text.lines()
                .filter(line -> line.startsWith("model name")).findFirst())
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static String memory() {
        return lines(Path.of("/proc/meminfo")).flatMap(text -> text.lines()
                .filter(line -> line.startsWith("MemTotal:")).findFirst())
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024.0)
                .map(gib -> String.format("%.1f GiB", gib)).orElse("unknown");
    }

    private static String loadAverage() {
        return lines(Path.of("/proc/loadavg")).map(text -> String.join(" ", text.trim().split(" ")[0],
                text.trim().split(" ")[1], text.trim().split(" ")[2])).orElse("unknown");
    }

    private static Optional<String> lines(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
