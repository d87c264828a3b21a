package dev.visualsearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plot reads the benchmark files kept in docs/bench and draws only what they measured. */
class BenchPlotTest {

    @Test
    void theSeriesComeFromTheKeptBenchmarkFilesWithTheirMachine(@TempDir Path dir) throws Exception {
        List<BenchPlot.Series> series = BenchPlot.series();

        BenchPlot.Series openSearch = series.stream().filter(s -> s.label().startsWith("OpenSearch")).findFirst()
                .orElseThrow();
        assertTrue(openSearch.label().contains("Intel Xeon, 2026-11-27"), openSearch.label());
        // docs/bench/opensearch-1m-2026-11-27.txt: 100,000 at p50 14.614 ms and 1,000,000 at 24.925 ms, recall 1.0.
        assertEquals(List.of(100_000.0, 1_000_000.0), openSearch.points().stream().map(p -> p[0]).toList());
        assertEquals(24.925, openSearch.points().get(1)[1], 1e-9);
        BenchPlot.Series hnsw = series.stream().filter(s -> s.label().startsWith("FAISS HNSW32 ef64 (in process)"))
                .findFirst().orElseThrow();
        assertEquals(0.897, hnsw.points().get(1)[2], 1e-9, "the 1M recall the issue quotes");
        assertTrue(series.stream().anyMatch(s -> s.label().startsWith("exact scan, 8-bit")), series.toString());
        BenchPlot.Series sq8 = series.stream().filter(s -> s.label().startsWith("FAISS IVF-SQ8")).findFirst()
                .orElseThrow();
        assertTrue(sq8.label().contains("Intel(R) Xeon(R) Processor, 2026-12-05"), sq8.label());
        // docs/bench/compressed.json: IVF1000,SQ8 nprobe8 + rescore at 1M, p50 7.288 ms.
        assertEquals(List.of(100_000.0, 1_000_000.0), sq8.points().stream().map(p -> p[0]).toList());
        assertEquals(7.288, sq8.points().get(1)[1], 1e-9);

        Path png = dir.resolve("plot.png");
        BenchPlot.draw(series, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1300, image.getWidth());
        assertEquals(580, image.getHeight());
    }
}
