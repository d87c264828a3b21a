package dev.visualsearch.catalog.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.catalog.LookAlikes.LookAlike;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportReportTest {

    @Test
    void listsEachNearDuplicatePairOnceNamingTheFilesItKnows() {
        ImportReport report = new ImportReport();
        report.imported(11, "shoes/red.jpg");
        report.imported(12, "shoes/red-again.jpg");
        report.lookAlikeThreshold(0.74);
        report.lookAlike(11, new LookAlike(12, 0.9512f));
        report.lookAlike(12, new LookAlike(11, 0.9512f));
        report.lookAlike(12, new LookAlike(3, 0.8f));

        String summary = report.summary();

        assertEquals(List.of(11L, 12L), report.importedIds());
        assertTrue(summary.startsWith("Imported 2, skipped 0 duplicate(s), failed 0"), summary);
        assertTrue(summary.contains("Near-duplicates (imported anyway; score >= 0.740): 2"), summary);
        assertTrue(summary.contains("shoes/red.jpg (#11) looks like shoes/red-again.jpg (#12) (score 0.951)"), summary);
        assertTrue(summary.contains("shoes/red-again.jpg (#12) looks like product #3 (score 0.800)"), summary);
        assertFalse(summary.contains("shoes/red-again.jpg (#12) looks like shoes/red.jpg"), "the pair once: " + summary);
    }

    @Test
    void saysNothingAboutNearDuplicatesWhenThereAreNone() {
        ImportReport report = new ImportReport();
        report.imported(1, "a.png");
        assertFalse(report.summary().contains("Near-duplicates"));
    }
}
