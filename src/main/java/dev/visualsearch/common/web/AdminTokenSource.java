package dev.visualsearch.common.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what admin routes need: the configured token; else, unless they are explicitly opened, a random token
 * generated at first start and kept in {@code admin-token} in the data folder (owner read/write only, 0600), reused
 * on later starts. Plain logic over a folder, so that it is tested without a running service.
 */
public final class AdminTokenSource {

    /** The file under the data folder that holds a generated token. */
    public static final String FILE_NAME = "admin-token";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the token came from. */
    public enum Origin {
        /** {@code app.security.admin-token} is set. */
        CONFIGURED,
        /** No token was set and none was kept: a new one was written to the file. */
        GENERATED,
        /** No token was set: the one kept in the file by an earlier start. */
        REUSED,
        /** No token was set and {@code app.security.open-admin-routes=true}: admin routes are open. */
        OPEN
    }

    /**
     * What admin routes need.
     *
     * @param token the bearer token they require, empty when they are open
     * @param file the token file, for GENERATED and REUSED (the log names it; the token itself is never logged)
     * @param permissionsTightened an existing file was readable by others and was set back to 0600
     */
    public record Resolved(Optional<String> token, Origin origin, Optional<Path> file, boolean permissionsTightened) {
    }

    private AdminTokenSource() {
    }

    public static Resolved resolve(Optional<String> configured, boolean openAdminRoutes, Path dataFolder) {
        Optional<String> token = configured.map(String::strip).filter(value -> !value.isEmpty());
        if (token.isPresent()) {
            return new Resolved(token, Origin.CONFIGURED, Optional.empty(), false);
        }
        if (openAdminRoutes) {
            return new Resolved(Optional.empty(), Origin.OPEN, Optional.empty(), false);
        }
        Path file = dataFolder.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return reuse(file);
            }
            Files.createDirectories(dataFolder);
            String generated = newToken();
            Path temp = createOwnerOnly(dataFolder);
            try {
                Files.writeString(temp, generated + "\n", StandardCharsets.UTF_8);
                Files.move(temp, file);
            } catch (FileAlreadyExistsException anotherStartWon) {
                return reuse(file);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new Resolved(Optional.of(generated), Origin.GENERATED, Optional.of(file), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the admin token file " + file
                    + "; set app.security.admin-token instead", e);
        }
    }

    /** 32 random bytes from {@link SecureRandom}, base64url without padding (43 characters, safe in a header). */
    static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Resolved reuse(Path file) throws IOException {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (kept.isEmpty()) {
            throw new IllegalStateException("The admin token file " + file + " is empty: delete it to have a new "
                    + "token generated, or set app.security.admin-token");
        }
        boolean tightened = false;
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            tightened = true;
        }
        return new Resolved(Optional.of(kept), Origin.REUSED, Optional.of(file), tightened);
    }

    /** A temporary file that is owner-only from its creation, so the token is never readable by others. */
    private static Path createOwnerOnly(Path folder) throws IOException {
        if (isPosix(folder)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(folder, "." + FILE_NAME + "-", ".part", ownerOnly);
        }
        return Files.createTempFile(folder, "." + FILE_NAME + "-", ".part");
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
