package dev.visualsearch.embedding;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Runs the service on the tiny TorchScript model from the shared fixtures instead of the default backbone. */
public class TinyTorchScriptProfile implements QuarkusTestProfile {

    public static final String MODEL = "../shared/fixtures/torchscript-tiny/tiny-cnn.pt";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "app.embedding.model", "torchscript",
                "app.embedding.torchscript.location", MODEL,
                "app.embedding.torchscript.input-size", "64",
                "app.embedding.torchscript.mean", "0,0,0",
                "app.embedding.torchscript.std", "1,1,1",
                "app.index.dir", "target/test-data/index-tiny");
    }
}
