package dev.visualsearch.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplanationCacheTest {

    @TempDir
    Path dir;

    @Test
    void missThenHitAndSurvivesARestart() {
        ExplanationCache cache = new ExplanationCache(dir, 1_000);
        String key = ExplanationCache.key("model", "gradcam", "mixed6", "a", "b", "OVERLAY");
        assertTrue(cache.get(key).isEmpty());
        cache.put(key, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get(key).orElseThrow());

        ExplanationCache reopened = new ExplanationCache(dir, 1_000);
        assertArrayEquals(new byte[] {1, 2, 3}, reopened.get(key).orElseThrow());
        assertEquals(3, reopened.totalBytes());
    }

    @Test
    void keysDifferByEveryPart() {
        String base = ExplanationCache.key("m", "gradcam", "mixed6", "a", "b", "OVERLAY");
        assertNotEquals(base, ExplanationCache.key("m", "occlusion", "mixed6", "a", "b", "OVERLAY"));
        assertNotEquals(base, ExplanationCache.key("m", "gradcam", "mixed6", "b", "a", "OVERLAY"));
        assertNotEquals(base, ExplanationCache.key("m", "gradcam", "mixed6", "a", "b", "JSON"));
        assertNotEquals(base, ExplanationCache.key("m2", "gradcam", "mixed6", "a", "b", "OVERLAY"));
        assertTrue(base.matches("[0-9a-f]{64}"), "file names are hashes only");
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheLimit() throws Exception {
        ExplanationCache cache = new ExplanationCache(dir, 250);
        cache.put("a", new byte[100]);
        Thread.sleep(5);
        cache.put("b", new byte[100]);
        Thread.sleep(5);
        cache.get("a"); // a is now more recent than b
        Thread.sleep(5);
        cache.put("c", new byte[100]);
        assertTrue(cache.get("b").isEmpty(), "b was the least recently used");
        assertTrue(cache.get("a").isPresent());
        assertTrue(cache.get("c").isPresent());
        assertEquals(200, cache.totalBytes());
        assertTrue(Files.notExists(dir.resolve("b")));
    }

    @Test
    void restartWithASmallerLimitEvictsOldestFilesAndDropsHalfWrittenOnes() throws Exception {
        Files.write(dir.resolve("old"), new byte[100]);
        Files.setLastModifiedTime(dir.resolve("old"), FileTime.fromMillis(1_000));
        Files.write(dir.resolve("new"), new byte[100]);
        Files.write(dir.resolve(".part-123.tmp"), new byte[10]);
        ExplanationCache cache = new ExplanationCache(dir, 150);
        assertEquals(1, cache.size());
        assertTrue(cache.get("new").isPresent());
        assertTrue(Files.notExists(dir.resolve("old")));
        assertTrue(Files.notExists(dir.resolve(".part-123.tmp")));
    }
}
