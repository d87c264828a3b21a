package dev.visualsearch.catalog.image;

import dev.visualsearch.support.TestDecoders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.support.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = TestDecoders.withLimits(2_000_000, 10_000_000);

    @Test
    void decodesPngAndJpegToUprightRgbWithTheirHash() {
        DecodedImage png = decoder.decode(TestImages.png(1));
        assertEquals(ImageFormat.PNG, png.format());
        assertEquals(64, png.width());
        assertEquals(48, png.height());
        assertEquals(BufferedImage.TYPE_INT_RGB, png.rgb().getType());
        assertEquals(64, png.sha256().length());
        assertEquals(ImageFormat.JPEG, decoder.decode(TestImages.jpeg(1)).format());
    }

    @Test
    void decodesWebpWithAlphaFromTheSampleCatalogue() throws Exception {
        DecodedImage webp = decoder.decode(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("data/sample/images/1f45f.webp")));
        assertEquals(ImageFormat.WEBP, webp.format());
        assertEquals(256, webp.width());
        assertEquals(0xFFFFFF, webp.rgb().getRGB(0, 0) & 0xFFFFFF, "the transparent corner is white");
    }

    @Test
    void compositesTransparencyOnWhite() {
        BufferedImage transparent = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        DecodedImage decoded = decoder.decode(TestImages.encode(transparent, "png"));
        assertEquals(0xFFFFFF, decoded.rgb().getRGB(3, 3) & 0xFFFFFF);
    }

    @Test
    void decodesGrayscalePaletteAndSixteenBitPngs() {
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_BYTE_INDEXED,
                BufferedImage.TYPE_USHORT_GRAY}) {
            DecodedImage decoded = decoder.decode(TestImages.encode(TestImages.pattern(type, 30, 20, type), "png"));
            assertEquals(30, decoded.width(), "type " + type);
        }
    }

    @Test
    void takesTheFirstFrameOfAGif() {
        BufferedImage red = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_INDEXED);
        var g = red.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        DecodedImage decoded = decoder.decode(TestImages.encode(red, "gif"));
        assertEquals(ImageFormat.GIF, decoded.format());
        assertEquals(0xFF0000, decoded.rgb().getRGB(5, 5) & 0xFFFFFF);
    }

    @Test
    void decodesCmykAndGrayscaleJpegsAndTheFirstFrameOfAnAnimatedGif() throws Exception {
        // Fixtures from src/test/resources/images/make_fixtures.py: the same 48 x 32 pattern in every file.
        for (String name : new String[] {"cmyk.jpg", "cmyk-progressive.jpg", "animated.gif"}) {
            DecodedImage decoded = decoder.decode(fixture(name));
            assertEquals(48, decoded.width(), name);
            assertEquals(32, decoded.height(), name);
            double error = 0;
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 48; x++) {
                    int rgb = decoded.rgb().getRGB(x, y);
                    error += Math.abs((rgb >> 16 & 0xFF) - x * 5 % 256) + Math.abs((rgb >> 8 & 0xFF) - y * 8 % 256)
                            + Math.abs((rgb & 0xFF) - x * y % 256);
                }
            }
            error /= 48 * 32 * 3;
            // JPEG loses detail on this busy pattern; inverted or unconverted CMYK would be off by ~100.
            assertTrue(error < 20, name + ": mean channel error " + error);
        }
        DecodedImage gray = decoder.decode(fixture("grayscale.jpg"));
        int pixel = gray.rgb().getRGB(10, 10);
        assertEquals(pixel >> 16 & 0xFF, pixel & 0xFF, "grey stays grey");
    }

    @Test
    void jpegsDeclaringTwelveOrSixteenBitSamplesDecodeOrAreRefusedCleanly() {
        // No tool on this machine writes a real 12- or 16-bit JPEG, so the SOF header of an 8-bit one is rewritten:
        // extended sequential (SOF1) with 12 or 16 bits per sample. The decoder must decode it or answer 4xx.
        byte[] jpeg = TestImages.jpeg(21);
        for (int bits : new int[] {12, 16}) {
            byte[] patched = jpeg.clone();
            for (int i = 0; i < patched.length - 4; i++) {
                if ((patched[i] & 0xFF) == 0xFF && (patched[i + 1] & 0xFF) == 0xC0) {
                    patched[i + 1] = (byte) 0xC1;
                    patched[i + 4] = (byte) bits;
                    break;
                }
            }
            try {
                assertTrue(decoder.decode(patched).width() > 0, bits + "-bit");
            } catch (ApiProblem problem) {
                assertTrue(problem.status() == 415 || problem.status() == 422, bits + "-bit: " + problem.status());
            }
        }
    }

    private static byte[] fixture(String name) throws Exception {
        try (var in = ImageDecoderTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void honoursExifOrientation() {
        byte[] jpeg = TestImages.encode(TestImages.pattern(3, 40, 20, BufferedImage.TYPE_INT_RGB), "jpeg");
        DecodedImage rotated = decoder.decode(withExifOrientation(jpeg, 6));
        assertEquals(20, rotated.width());
        assertEquals(40, rotated.height());
    }

    @Test
    void rejectsEmptyRandomAndUnsupportedBytes() {
        assertStatus(422, new byte[0]);
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        assertStatus(415, random);
        assertStatus(415, "BM this is a bitmap header".getBytes());
        assertStatus(415, "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes());
    }

    @Test
    void rejectsTruncatedImages() {
        byte[] png = TestImages.png(5);
        assertStatus(422, Arrays.copyOf(png, png.length / 2));
        byte[] jpeg = TestImages.jpeg(5);
        assertStatus(422, Arrays.copyOf(jpeg, jpeg.length / 2));
        assertStatus(422, Arrays.copyOf(png, 12));
    }

    @Test
    void rejectsOversizedUploadsAndDecompressionBombsBeforeDecoding() {
        assertStatus(413, Arrays.copyOf(TestImages.png(9), 2_000_001));
        ApiProblem bomb = assertThrows(ApiProblem.class, () -> decoder.decode(TestImages.pngHeaderOnly(100_000, 100_000)));
        assertEquals(422, bomb.status());
        assertEquals(10_000_000L, bomb.extensions().get("limitPixels"));
    }

    @Test
    void refusesAWebpWhoseFrameIsLargerThanTheLimitThoughItsCanvasIsSmall() throws Exception {
        // The sample's 256 x 256 canvas (VP8X) stays; its VP8 key frame now declares 16255 x 16383, the shape of an
        // input the fuzzer found that tied the decoder up for 10-18 s.
        byte[] webp = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("data/sample/images/1f45f.webp"));
        int frame = indexOf(webp, "VP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) + 8;
        assertEquals(0x9D, webp[frame + 3] & 0xFF, "a VP8 key frame's start code");
        ByteBuffer.wrap(webp, frame + 6, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 16255).putShort((short) 16383);
        ApiProblem problem = assertThrows(ApiProblem.class, () -> decoder.decode(webp));
        assertEquals(422, problem.status());
        assertEquals(10_000_000L, problem.extensions().get("limitPixels"));
        assertTrue(problem.getMessage().contains("266305665 pixels"), problem.getMessage());
    }

    @Test
    void refusesAWebpWithAnOversizedFrameEvenWhenTheFrameStartCodeIsBroken() throws Exception {
        // The decoder reads a key frame's size without checking its start code (9d 01 2a); the fuzzer found a file
        // with a broken start code and a 10934 x 14577 frame that took 5-10 s to fail.
        byte[] webp = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("data/sample/images/1f45f.webp"));
        int frame = indexOf(webp, "VP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) + 8;
        webp[frame + 3] = 0x37;
        ByteBuffer.wrap(webp, frame + 6, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 10934).putShort((short) 14577);
        ApiProblem problem = assertThrows(ApiProblem.class, () -> decoder.decode(webp));
        assertEquals(422, problem.status());
        assertTrue(problem.getMessage().contains("159384918 pixels"), problem.getMessage());
    }

    @Test
    void refusesAWebpWhoseAlphaDataEndsLongBeforeItsCanvasInsteadOfDecodingEndlessZeros() throws Exception {
        // The sample's VP8X canvas grows from 256 x 256 to 256 x 8448 (2.2 megapixels, under the limit); its lossless
        // alpha plane then runs out of data, which the decoder would read as zeros for every remaining pixel (the
        // fuzzer's input took 1.2-1.6 s). The upload stream stops it after a bounded number of reads past the end.
        byte[] webp = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("data/sample/images/1f45f.webp"));
        assertEquals("VP8X", new String(webp, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(indexOf(webp, "ALPH".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) > 0);
        webp[27] = (byte) 0xFF;
        webp[28] = 0x20;
        ApiProblem problem = assertThrows(ApiProblem.class, () -> decoder.decode(webp));
        assertEquals(422, problem.status());
        assertTrue(problem.getMessage().contains("the data ends long before the image does"), problem.getMessage());
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private void assertStatus(int status, byte[] bytes) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> decoder.decode(bytes));
        assertEquals(status, problem.status(), problem.getMessage());
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: orientation) after the SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiff.capacity();
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
