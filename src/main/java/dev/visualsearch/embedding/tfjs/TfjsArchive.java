package dev.visualsearch.embedding.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The InceptionV3 TF.js layers model inside the npm tarball of {@code nsfwjs}: Keras topology and uint8-quantised
 * weights, read directly from the {@code .tgz}. Weights are dequantised ({@code byte * scale + min}) on request.
 */
public final class TfjsArchive {

    /** Directory of the model inside the npm tarball. */
    public static final String MODEL_DIR = "package/dist/models/inception_v3/";
    private static final String TOPOLOGY_FILE = MODEL_DIR + "model.min.js";

    private final JsonNode topology;
    private final Map<String, QuantisedWeight> weights;

    private TfjsArchive(JsonNode topology, Map<String, QuantisedWeight> weights) {
        this.topology = topology;
        this.weights = weights;
    }

    public static TfjsArchive open(Path tgz) {
        try (InputStream in = Files.newInputStream(tgz)) {
            return read(in, tgz.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model archive " + tgz, e);
        }
    }

    public static TfjsArchive read(InputStream tgz, String source) throws IOException {
        Map<String, byte[]> files = TarGzReader.read(tgz, path -> path.startsWith(MODEL_DIR) && path.endsWith(".js"));
        byte[] modelJs = files.get(TOPOLOGY_FILE);
        if (modelJs == null) {
            throw new ModelFormatException(source + ": no " + TOPOLOGY_FILE + " (not the nsfwjs npm package?)");
        }
        JsonNode model = JsModuleData.exported(new String(modelJs, StandardCharsets.UTF_8), TOPOLOGY_FILE);
        JsonNode topology = model.path("modelTopology");
        JsonNode manifest = model.path("weightsManifest");
        if (!topology.isObject() || !manifest.isArray()) {
            throw new ModelFormatException(TOPOLOGY_FILE + ": no modelTopology/weightsManifest");
        }
        Map<String, QuantisedWeight> weights = new HashMap<>();
        for (JsonNode group : manifest) {
            indexGroup(group, concatenatedShards(group, files), weights);
        }
        return new TfjsArchive(topology, weights);
    }

    /** The Keras model topology ({@code model_config} etc.). */
    public JsonNode topology() {
        return topology;
    }

    /** The layers of the functional model, in topology (topological) order. */
    public List<KerasLayer> layers() {
        JsonNode layers = topology.path("model_config").path("config").path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new ModelFormatException("topology has no model_config.config.layers");
        }
        List<KerasLayer> result = new ArrayList<>();
        layers.forEach(layer -> result.add(KerasLayer.of(layer)));
        return result;
    }

    /** The dequantised weight of that name, e.g. {@code conv2d_1/kernel}. */
    public TfjsWeight weight(String name) {
        QuantisedWeight w = weights.get(name);
        if (w == null) {
            throw new ModelFormatException("weights manifest has no " + name);
        }
        return w.dequantise();
    }

    private static byte[] concatenatedShards(JsonNode group, Map<String, byte[]> files) {
        List<byte[]> shards = new ArrayList<>();
        int total = 0;
        for (JsonNode path : group.path("paths")) {
            String file = MODEL_DIR + path.asText() + ".min.js";
            byte[] js = files.get(file);
            if (js == null) {
                throw new ModelFormatException("missing weight shard " + file);
            }
            JsonNode data = JsModuleData.exported(new String(js, StandardCharsets.ISO_8859_1), file);
            if (!data.isTextual()) {
                throw new ModelFormatException(file + ": shard does not export a base64 string");
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(data.asText());
                shards.add(bytes);
                total = Math.addExact(total, bytes.length);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file + ": shard is not base64", e);
            }
        }
        byte[] all = new byte[total];
        int offset = 0;
        for (byte[] shard : shards) {
            System.arraycopy(shard, 0, all, offset, shard.length);
            offset += shard.length;
        }
        return all;
    }

    private static void indexGroup(JsonNode group, byte[] bytes, Map<String, QuantisedWeight> into) {
        int offset = 0;
        for (JsonNode spec : group.path("weights")) {
            String name = spec.path("name").asText();
            JsonNode q = spec.path("quantization");
            if (!"uint8".equals(q.path("dtype").asText())) {
                throw new ModelFormatException("weight " + name + ": only uint8 quantisation is supported");
            }
            long[] shape = new long[spec.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = spec.path("shape").path(i).asLong();
            }
            int count = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
            if (offset + count > bytes.length) {
                throw new ModelFormatException("weight shards too short for " + name);
            }
            into.put(name, new QuantisedWeight(name, shape, bytes, offset,
                    (float) q.path("scale").asDouble(), (float) q.path("min").asDouble()));
            offset += count;
        }
        if (offset != bytes.length) {
            throw new ModelFormatException("weight shards hold " + bytes.length + " bytes, manifest needs " + offset);
        }
    }

    private record QuantisedWeight(String name, long[] shape, byte[] bytes, int offset, float scale, float min) {

        TfjsWeight dequantise() {
            int count = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = (bytes[offset + i] & 0xff) * scale + min;
            }
            return new TfjsWeight(name, shape.clone(), values);
        }
    }
}
