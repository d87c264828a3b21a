package dev.visualsearch.catalog.image;

import java.io.IOException;
import java.util.Objects;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * The upload's bytes as an image stream that stops a decoder which keeps reading past the end. Why: the WebP lossless
 * decoder treats the end of the data as an endless run of zero bits, so a 4 KB file that declares a 256 x 8448 alpha
 * plane and then stops took 1.2-1.6 s to fill it with garbage (found by ImageDecoderFuzzTest); at the 40-megapixel
 * limit that is half a minute of one core per request. A complete image reads past its end only the few times a bit
 * reader's look-ahead needs, so after {@link #READS_PAST_END} such reads the decode fails as truncated.
 */
final class UploadInputStream extends ImageInputStreamImpl {

    private static final int READS_PAST_END = 4096;

    private final byte[] bytes;
    private int readsPastEnd;

    UploadInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= bytes.length) {
            return pastEnd();
        }
        return bytes[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(offset, length, into.length);
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return pastEnd();
        }
        int count = (int) Math.min(length, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, into, offset, count);
        streamPos += count;
        return count;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    private int pastEnd() throws IIOException {
        if (++readsPastEnd > READS_PAST_END) {
            throw new IIOException("the data ends long before the image does");
        }
        return -1;
    }
}
