package dev.visualsearch.catalog.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.error.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    void whatItWritesItReadsBack() {
        List<Manifest.Row> rows = List.of(
                new Manifest.Row("images/1-A.png", "Mug, \"big\"", "Kitchen", "A", "4.50"),
                new Manifest.Row("images/2-B.webp", "Two\nlines", " spaced ", "B", null),
                new Manifest.Row("images/3-C.gif", "Plain", "Toys", "C", "0"));
        byte[] csv = Manifest.write(rows);
        assertTrue(new String(csv, StandardCharsets.UTF_8).startsWith("file,title,category,sku,price\r\n"));
        Manifest back = Manifest.parse(csv);
        assertEquals(rows.get(0), back.rows().get(0));
        // An empty cell reads back as empty (the import takes an empty price as none).
        assertEquals(new Manifest.Row("images/2-B.webp", "Two\nlines", " spaced ", "B", ""),
                back.find("images/2-B.webp").orElseThrow());
        assertEquals(rows.get(2), back.rows().get(2));
        assertEquals(3, back.rows().size());
        assertEquals(List.of(), Manifest.parse(Manifest.write(List.of())).rows());
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
