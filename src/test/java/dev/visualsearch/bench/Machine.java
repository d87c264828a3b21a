package dev.visualsearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on: every result file and docs section starts with this. */
record Machine(String date, String cpu, int cores, String jdk, String os, long memoryMb) {

    static Machine current() {
        String cpu = "unknown CPU";
        long memory = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).orElse(0L);
        } catch (IOException ignored) {
            // not Linux: keep the defaults
        }
        return new Machine(LocalDate.now().toString(), cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), memory);
    }

    String line() {
        return date + ", " + cpu + ", " + cores + " cores, " + memoryMb / 1024 + " GiB, " + jdk;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("date", date);
        map.put("cpu", cpu);
        map.put("cores", cores);
        map.put("jdk", jdk);
        map.put("os", os);
        map.put("memoryMb", memoryMb);
        return map;
    }
}
