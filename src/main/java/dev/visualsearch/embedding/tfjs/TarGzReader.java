package dev.visualsearch.embedding.tfjs;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Minimal reader of gzip-compressed ustar archives (what {@code npm pack} writes): regular files only, headers
 * checked by checksum, so that a model can be read straight from the npm tarball without a dependency.
 */
public final class TarGzReader {

    private static final int BLOCK = 512;
    private static final int MAX_ENTRY_BYTES = 256 << 20;

    private TarGzReader() {
    }

    /** Returns the contents of the regular files whose path is accepted by {@code wanted}, in archive order. */
    public static Map<String, byte[]> read(InputStream in, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream tar = new GZIPInputStream(new BufferedInputStream(in), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (true) {
                if (!readBlock(tar, header)) {
                    throw new ModelFormatException("tar archive ends without its end-of-archive blocks");
                }
                if (isZero(header)) {
                    return files;
                }
                checkChecksum(header);
                long size = octal(header, 124, 12);
                if (size < 0 || size > MAX_ENTRY_BYTES) {
                    throw new ModelFormatException("tar entry size out of range: " + size);
                }
                String path = path(header);
                boolean regular = header[156] == '0' || header[156] == 0;
                if (regular && wanted.test(path)) {
                    byte[] data = tar.readNBytes((int) size);
                    if (data.length != size) {
                        throw new ModelFormatException("tar entry truncated: " + path);
                    }
                    files.put(path, data);
                    skipFully(tar, padding(size));
                } else {
                    skipFully(tar, size + padding(size));
                }
            }
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException("not a readable .tgz archive: " + e.getMessage(), e);
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        return in.readNBytes(block, 0, BLOCK) == BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] header) {
        long expected = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (sum != expected) {
            throw new ModelFormatException("not a tar archive (header checksum mismatch)");
        }
    }

    private static String path(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int offset, int length) {
        String s = text(b, offset, length).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new ModelFormatException("not a tar archive (bad numeric header field '" + s + "')", e);
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new ModelFormatException("tar archive truncated");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
