package dev.visualsearch.catalog.image;

import java.util.OptionalLong;

/**
 * The largest frame a WebP file declares in its VP8 / VP8L bitstream headers, read from the bytes. Why: the reader
 * reports the VP8X canvas size, which the pixel limit checks, but decodes the frame at the size the bitstream
 * declares; a 2 KB file with a 256 x 256 canvas and a 16255 x 16383 frame made the decoder allocate 16 million
 * macroblocks and run for 10-18 s before failing (found by ImageDecoderFuzzTest).
 */
final class WebPFrames {

    private static final int RIFF_HEADER = 12;
    private static final int ANMF_HEADER = 16;

    private WebPFrames() {
    }

    /** Width x height of the largest VP8 key frame or VP8L image in the file (animation frames included). */
    static OptionalLong largestPixels(byte[] bytes) {
        return largest(bytes, RIFF_HEADER, bytes.length);
    }

    private static OptionalLong largest(byte[] bytes, int from, int to) {
        long largest = -1;
        int at = from;
        while (at + 8 <= to) {
            long size = le(bytes, at + 4, 4);
            int payload = at + 8;
            int end = (int) Math.min(to, payload + size);
            long pixels = switch (tag(bytes, at)) {
                case "VP8 " -> vp8(bytes, payload);
                case "VP8L" -> vp8l(bytes, payload, end);
                case "ANMF" -> largest(bytes, payload + ANMF_HEADER, end).orElse(-1);
                default -> -1;
            };
            largest = Math.max(largest, pixels);
            at = (int) Math.min(Integer.MAX_VALUE, payload + size + (size & 1));
        }
        return largest < 0 ? OptionalLong.empty() : OptionalLong.of(largest);
    }

    /**
     * A key frame: 3-byte frame tag (bit 0 clear), start code 9d 01 2a, then 14-bit width and height. The start code
     * is not checked because the decoder does not check it either: it reads the size and allocates its macroblocks
     * whatever those three bytes hold (a fuzzed file with a broken start code and a 10934 x 14577 frame took 5 s
     * here and over 10 s in CI).
     * For the same reason the size is read past a chunk that claims to be shorter: the decoder reads the stream.
     */
    private static long vp8(byte[] bytes, int at) {
        if (at + 10 > bytes.length || (bytes[at] & 1) != 0) {
            return -1;
        }
        return (le(bytes, at + 6, 2) & 0x3FFF) * (le(bytes, at + 8, 2) & 0x3FFF);
    }

    /** Signature 0x2f, then width - 1 and height - 1 in 14 bits each. */
    private static long vp8l(byte[] bytes, int at, int end) {
        if (at + 5 > end || (bytes[at] & 0xFF) != 0x2F) {
            return -1;
        }
        long bits = le(bytes, at + 1, 4);
        return ((bits & 0x3FFF) + 1) * (((bits >> 14) & 0x3FFF) + 1);
    }

    private static String tag(byte[] bytes, int at) {
        return new String(bytes, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long le(byte[] bytes, int at, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[at + i] & 0xFF);
        }
        return value;
    }
}
