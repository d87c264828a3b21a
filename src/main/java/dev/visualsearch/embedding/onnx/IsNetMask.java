package dev.visualsearch.embedding.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.embedding.framing.ForegroundMask;
import dev.visualsearch.embedding.tfjs.ModelFormatException;
import dev.visualsearch.embedding.tfjs.TarGzReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * IS-Net salient-object segmentation (Qin et al., "Highly Accurate Dichotomous Image Segmentation", 2022) in ONNX
 * Runtime, as published in the npm package {@code @imgly/background-removal-data}: the model is split there into
 * 4 MiB chunks named by their SHA-256 and listed in {@code dist/resources.json}; they are joined in memory. Its input
 * is a fixed 1024 x 1024 RGB square scaled as {@code (x - 128) / 256}; its first output is the foreground probability
 * per pixel, read back at the photo's own size.
 */
public final class IsNetMask implements ForegroundMask, AutoCloseable {

    private static final String OUTPUT = "output";
    private static final String DIST = "package/dist/";

    private final String id;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;
    private final int side;

    IsNetMask(String id, byte[] onnx, int threads) {
        this.id = id;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
            // Idle pool threads would otherwise spin on the cores the search's own forward passes need.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = environment.createSession(onnx, options);
            input = session.getInputNames().iterator().next();
            long[] shape = ((TensorInfo) session.getInputInfo().get(input).getInfo()).getShape();
            if (shape.length != 4 || shape[1] != 3 || shape[2] != shape[3] || shape[2] <= 0) {
                throw new ModelFormatException("expected a 1 x 3 x N x N input, got "
                        + java.util.Arrays.toString(shape));
            }
            side = (int) shape[2];
            if (!session.getOutputNames().contains(OUTPUT)) {
                throw new ModelFormatException("the model has no output named '" + OUTPUT + "'");
            }
        } catch (OrtException e) {
            throw new ModelFormatException("not a loadable ONNX model: " + e.getMessage(), e);
        }
    }

    /**
     * The model {@code variant} ({@code small}: 8-bit weights, 44 MB; {@code medium}: float16, 88 MB) from the npm
     * tarball of {@code @imgly/background-removal-data}; or a plain {@code .onnx} file.
     */
    public static IsNetMask load(Path file, String variant, int threads) {
        try {
            String name = file.getFileName().toString();
            byte[] onnx = name.endsWith(".onnx") ? Files.readAllBytes(file) : joinChunks(file, variant);
            return new IsNetMask(idOf(name, variant), onnx, threads);
        } catch (IOException e) {
            throw new ModelFormatException("could not read the salient-object model " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The id {@link #load} gives, known without loading (model ids are read before any model is): {@code file} is
     * the configured file's name, empty for the npm package.
     */
    public static String idOf(String file, String variant) {
        return file.endsWith(".onnx") ? "isnet" : "isnet-" + variant;
    }

    /** Two passes over the tarball: the chunk list, then only the variant's chunks (not the whole 136 MB). */
    private static byte[] joinChunks(Path tarball, String variant) throws IOException {
        byte[] resources = read(tarball, Set.of(DIST + "resources.json")).get(DIST + "resources.json");
        if (resources == null) {
            throw new ModelFormatException("no dist/resources.json: not a @imgly/background-removal-data tarball");
        }
        JsonNode model = new ObjectMapper().readTree(resources).path("/models/" + variant);
        if (!model.path("chunks").isArray() || model.path("chunks").isEmpty()) {
            throw new ModelFormatException("the tarball lists no model '" + variant + "' (small or medium)");
        }
        Set<String> wanted = new java.util.HashSet<>();
        model.path("chunks").forEach(chunk -> wanted.add(DIST + chunk.path("hash").asText()));
        Map<String, byte[]> files = read(tarball, wanted);
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.path("size").asInt(1 << 20));
        for (JsonNode chunk : model.path("chunks")) {
            byte[] part = files.get(DIST + chunk.path("hash").asText());
            if (part == null) {
                throw new ModelFormatException("chunk " + chunk.path("hash").asText() + " of '" + variant
                        + "' is missing from the tarball");
            }
            out.write(part);
        }
        if (model.has("size") && out.size() != model.path("size").asLong()) {
            throw new ModelFormatException("'" + variant + "' joins to " + out.size() + " bytes, not "
                    + model.path("size").asLong());
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> read(Path tarball, Set<String> wanted) throws IOException {
        try (InputStream in = Files.newInputStream(tarball)) {
            return TarGzReader.read(in, wanted::contains);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public float[] alpha(BufferedImage image) {
        float[] square = predict(resized(image));
        return resample(square, side, image.getWidth(), image.getHeight());
    }

    private float[] predict(BufferedImage square) {
        int plane = side * side;
        float[] x = new float[3 * plane];
        int[] rgb = square.getRGB(0, 0, side, side, null, 0, side);
        for (int i = 0; i < plane; i++) {
            x[i] = (((rgb[i] >> 16) & 0xFF) - 128f) / 256f;
            x[plane + i] = (((rgb[i] >> 8) & 0xFF) - 128f) / 256f;
            x[2 * plane + i] = ((rgb[i] & 0xFF) - 128f) / 256f;
        }
        long[] shape = {1, 3, side, side};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(x), shape);
             OrtSession.Result result = session.run(Map.of(input, tensor), Set.of(OUTPUT))) {
            FloatBuffer out = ((OnnxTensor) result.get(OUTPUT).orElseThrow()).getFloatBuffer();
            float[] alpha = new float[plane];
            out.get(alpha);
            return alpha;
        } catch (OrtException e) {
            throw new IllegalStateException("salient-object model failed: " + e.getMessage(), e);
        }
    }

    private BufferedImage resized(BufferedImage image) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Bilinear resampling of a {@code side x side} map to {@code width x height}. */
    static float[] resample(float[] map, int side, int width, int height) {
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0, Math.min(side - 1, (y + 0.5) * side / height - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(side - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max(0, Math.min(side - 1, (x + 0.5) * side / width - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(side - 1, x0 + 1);
                double fx = sx - x0;
                double top = map[y0 * side + x0] * (1 - fx) + map[y0 * side + x1] * fx;
                double bottom = map[y1 * side + x0] * (1 - fx) + map[y1 * side + x1] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing at shutdown: nothing left to do with a session that will not close.
        }
    }
}
