package dev.visualsearch.embedding.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TfjsArchiveTest {

    @Test
    void readsTopologyAndDequantisedWeights() {
        TfjsArchive archive = TfjsArchive.open(TestModels.nsfwjsTgz());
        assertTrue(archive.layers().stream().anyMatch(l -> l.name().equals("mixed6")));
        TfjsWeight kernel = archive.weight("conv2d_1/kernel");
        assertArrayEquals(new long[] {3, 3, 3, 32}, kernel.shape());
        float[] values = kernel.values();
        assertTrue(IntStream.range(0, values.length).anyMatch(i -> values[i] != 0));
    }

    @Test
    void rejectsBytesThatAreNotGzip() {
        byte[] junk = "definitely not a tarball".getBytes(StandardCharsets.US_ASCII);
        assertThrows(ModelFormatException.class, () -> TfjsArchive.read(new ByteArrayInputStream(junk), "junk"));
    }

    @Test
    void rejectsGzipThatIsNotTar() throws IOException {
        byte[] notTar = gzip("x".repeat(2048).getBytes(StandardCharsets.US_ASCII));
        assertThrows(ModelFormatException.class, () -> TfjsArchive.read(new ByteArrayInputStream(notTar), "text"));
    }

    @Test
    void rejectsTarWithoutTheModel() throws IOException {
        byte[] tgz = gzip(tar("package/package.json", "{\"name\":\"left-pad\"}"));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> TfjsArchive.read(new ByteArrayInputStream(tgz), "left-pad.tgz"));
        assertTrue(e.getMessage().contains("model.min.js"), e.getMessage());
    }

    @Test
    void rejectsTopologyThatIsNotData() throws IOException {
        byte[] tgz = gzip(tar(TfjsArchive.MODEL_DIR + "model.min.js", "module.exports=function(){return 1}"));
        assertThrows(ModelFormatException.class, () -> TfjsArchive.read(new ByteArrayInputStream(tgz), "code.tgz"));
    }

    @Test
    void rejectsTruncatedArchive() throws IOException {
        byte[] whole = Files.readAllBytes(TestModels.nsfwjsTgz());
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        assertThrows(ModelFormatException.class, () -> TfjsArchive.read(new ByteArrayInputStream(half), "half"));
    }

    @Test
    void readsMinifiedJsLiterals() {
        String js = "!function(){}({1:[function(a,n,i){n.exports={a:!0,b:!1,c:-.5,d:[.25,\"x!0\"],e:1e-3}},{}]})";
        var node = JsModuleData.exported(js, "test.js");
        assertTrue(node.path("a").asBoolean());
        assertEquals(false, node.path("b").asBoolean(true));
        assertEquals(-0.5, node.path("c").asDouble());
        assertEquals(0.25, node.path("d").path(0).asDouble());
        assertEquals("x!0", node.path("d").path(1).asText());
        assertEquals(1e-3, node.path("e").asDouble());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A one-file ustar archive. */
    private static byte[] tar(String path, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, path);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", data.length));
        header[156] = '0';
        put(header, 257, "ustar");
        Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        int padded = (data.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(data, 0, tar, 512, data.length);
        return tar;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
