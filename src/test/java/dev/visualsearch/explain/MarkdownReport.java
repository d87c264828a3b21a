package dev.visualsearch.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/** Writes a measured section into a docs page (replacing an earlier run's section), with date and machine. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep "unknown CPU"
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    static String stamp() {
        return "Measured " + LocalDate.now() + " on " + machine() + ".";
    }

    /** Replaces the {@code heading} section of {@code page} (up to the next "## ") or appends it. */
    static void write(Path page, String heading, String body) throws IOException {
        String text = Files.exists(page) ? Files.readString(page) : "";
        String section = heading + "\n\n" + body.strip() + "\n";
        int start = text.indexOf(heading + "\n");
        if (start < 0) {
            text = (text.isBlank() ? "" : text.stripTrailing() + "\n\n") + section;
        } else {
            int end = text.indexOf("\n## ", start + heading.length());
            text = text.substring(0, start) + section + (end < 0 ? "" : text.substring(end));
        }
        Files.writeString(page, text);
        System.out.println("Wrote '" + heading + "' to " + page);
    }
}
