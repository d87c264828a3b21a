package dev.visualsearch.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.error.ApiProblem;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which framing the configured model uses, and what a salient framing whose model cannot load answers. */
class ActiveModelFramingTest {

    private static ActiveModel model(Map<String, String> properties, Path dataDir) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("app.data-dir", dataDir.toString());
        // Quarkus's converter reads "60s" as the service's own config does.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(EmbeddingConfig.class)
                .withConverter(java.time.Duration.class, 200, new DurationConverter()).withDefaultValues(all).build();
        return new ActiveModel(config.getConfigMapping(EmbeddingConfig.class));
    }

    @Test
    void salientFramingIsPartOfTheModelIdWithoutLoadingAnything(@TempDir Path dir) {
        ActiveModel object = model(Map.of(), dir);
        ActiveModel salient = model(Map.of("app.embedding.framing", "salient"), dir);

        assertTrue(object.id().endsWith("+object"), object.id());
        assertTrue(salient.id().endsWith("+salient-isnet-small"), salient.id());
        assertFalse(salient.loaded());
        assertTrue(object.foregroundMask().isEmpty(), "no mask without salient framing");
    }

    @Test
    void aSalientModelThatCannotLoadAnswers503WithTheFix(@TempDir Path dir) throws Exception {
        Path fake = Files.write(dir.resolve("isnet.onnx"), new byte[] {1, 2, 3});
        ActiveModel salient = model(Map.of("app.embedding.framing", "salient",
                "app.embedding.salient.archive", fake.toString()), dir);

        // Nothing loads until a busy photo needs the mask; then the load fails with the fix.
        var mask = salient.foregroundMask().orElseThrow();
        ApiProblem problem = assertThrows(ApiProblem.class, () -> mask.alpha(new BufferedImage(8, 8,
                BufferedImage.TYPE_INT_RGB)));

        assertEquals(503, problem.status());
        assertTrue(problem.getMessage().contains("could not be loaded"), problem.getMessage());
        assertTrue(problem.getMessage().contains("app.embedding.salient.archive"), problem.getMessage());
        assertTrue(salient.id().endsWith("+salient-isnet"), "a plain .onnx file: " + salient.id());
    }
}
