package dev.visualsearch.catalog.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.error.ApiProblem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestTest {

    @Test
    void parsesQuotedFieldsAnyColumnOrderAndCrlf() {
        Manifest manifest = Manifest.parse(("\uFEFFtitle,file,price\r\n\"Mug, \"\"big\"\"\",a/mug.png,4.5\r\n"
                + "Plate,plate.png,\r\n").getBytes(StandardCharsets.UTF_8));
        Manifest.Row mug = manifest.find("a/mug.png").orElseThrow();
        assertEquals("Mug, \"big\"", mug.title());
        assertEquals("4.5", mug.price());
        assertNull(mug.category());
        assertEquals("Plate", manifest.find("folder/plate.png").orElseThrow().title());
        assertTrue(manifest.find("other.png").isEmpty());
    }

    @Test
    void needsAFileColumn() {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> Manifest.parse("title,price\nx,1\n".getBytes()));
        assertEquals(422, problem.status());
    }

    @Test
    void derivesTitlesAndCategoriesFromNames() {
        assertEquals("Red Running Shoe", ImportRunner.titleFromFileName("shoes/red-running_shoe.png"));
        assertEquals("Untitled", ImportRunner.titleFromFileName("dir/__.png"));
        assertEquals("shoes", ImportRunner.categoryFromFolder("catalog/shoes/red.png", "Other"));
        assertEquals("Other", ImportRunner.categoryFromFolder("red.png", "Other"));
        assertEquals("Other", ImportRunner.categoryFromFolder("../red.png", "Other"));
    }
}
