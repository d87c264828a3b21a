package dev.visualsearch.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Content hashes: image content addresses, model file identities, npm integrity checks. */
public final class Digests {

    private Digests() {
    }

    public static byte[] of(String algorithm, byte[] bytes) {
        return digest(algorithm).digest(bytes);
    }

    /** Hashes a file by streaming it (model files are hundreds of megabytes). */
    public static byte[] of(String algorithm, Path file) {
        MessageDigest digest = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /**
     * The first 12 hex digits of the SHA-256 of {@code arrays}' floats, one after the other (big-endian): the short id
     * of learned numbers (a whitening, a photo shift), so that a saved transform is told apart from another.
     */
    public static String fingerprint(float[]... arrays) {
        int count = 0;
        for (float[] array : arrays) {
            count += array.length;
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(count * Float.BYTES);
        for (float[] array : arrays) {
            bytes.asFloatBuffer().put(array);
            bytes.position(bytes.position() + array.length * Float.BYTES);
        }
        return java.util.HexFormat.of().formatHex(of("SHA-256", bytes.array())).substring(0, 12);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
