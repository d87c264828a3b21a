package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs bench/python/torch_speed.py with Debian's python3-torch, which times the same network shapes in Python and
 * exports the random-weight ResNet50 TorchScript file the Java benchmark loads.
 */
final class PythonReference {

    private PythonReference() {
    }

    static Map<String, Object> run(Path out, boolean quick) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path result = out.resolve("python.json");
        Process check = new ProcessBuilder(python.toString(), "-c", "import torch, torchvision").start();
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
            Map<String, Object> skipped = new LinkedHashMap<>();
            skipped.put("skipped", "apt-get install python3-torch python3-torchvision");
            return skipped;
        }
        Process process = new ProcessBuilder(python.toString(), "bench/python/torch_speed.py", result.toString(),
                out.resolve("resnet50-random.pt").toString(), quick ? "quick" : "full").inheritIO().start();
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("bench/python/torch_speed.py failed");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> numbers = new ObjectMapper().readValue(result.toFile(), Map.class);
        System.out.println("  " + numbers);
        return numbers;
    }
}
