package dev.visualsearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void theEmbeddingTableHasARowPerModelAndADashForAMissingValue() {
        Map<String, Object> embedding = new LinkedHashMap<>();
        embedding.put("default", Map.of("model", "InceptionV3 mixed6 (default)", "batch1MsPerImage", 75,
                "batch8MsPerImage", 60.6, "imagesPerSecondBatch8", 16.5, "rssMb", 945));
        // The alternating rounds against Python live in the same map but are no model's row (they gave "| null |").
        embedding.put("interleavedVsPython", Map.of("rounds", 9, "runsPerRound", 10, "javaMedianMs", List.of(60.2)));
        embedding.put("torchscript", Map.of("model", "TorchScript ResNet50", "batch1MsPerImage", 104));
        Map<String, Object> previous = Map.of("default", Map.of("batch1MsPerImage", 61.5),
                "interleavedVsPython", Map.of("rounds", 9));

        String table = BenchReport.embeddingTable(embedding, previous);

        List<String> rows = table.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| model"))
                .toList();
        assertEquals(List.of("| InceptionV3 mixed6 (default) | 75 (61.5) | 60.6 | 16.5 | 945 |",
                "| TorchScript ResNet50 | 104 | - | - | - |"), rows);
        assertFalse(table.contains("null"), table);
    }

    @Test
    void aModesResultsAreWrittenAsJsonUnderTargetBench() throws Exception {
        java.nio.file.Path file = BenchReport.writeJson("report-test.json", Map.of("rows", List.of(Map.of("p50Ms",
                1.5))));
        try {
            assertEquals(java.nio.file.Path.of("target/bench/report-test.json"), file);
            assertEquals(Map.of("rows", List.of(Map.of("p50Ms", 1.5))),
                    new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Map.class));
            assertTrue(java.nio.file.Files.readString(file).contains("\n"), "indented");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aMissingValueFormatsAsADash() {
        assertEquals("-", BenchReport.fmt(null));
        assertEquals("12", BenchReport.fmt(12.0));
        assertEquals("0.897", BenchReport.fmt(0.8971));
    }

    @Test
    void performanceMdHasNoNullCell() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/performance.md"));
        assertTrue(doc.lines().noneMatch(line -> line.startsWith("|") && line.contains("| null |")),
                "a table row in docs/performance.md prints null");
    }
}
