package dev.visualsearch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenSourceTest {

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]{43}");

    @TempDir
    Path data;

    @Test
    void aConfiguredTokenIsRequiredAndNoFileIsWritten() {
        AdminTokenSource.Resolved resolved = AdminTokenSource.resolve(Optional.of(" s3cret "), false, data);
        assertEquals(Optional.of("s3cret"), resolved.token());
        assertEquals(AdminTokenSource.Origin.CONFIGURED, resolved.origin());
        assertFalse(Files.exists(data.resolve(AdminTokenSource.FILE_NAME)));
        // A configured token wins over the open switch: setting a token means the routes are guarded.
        assertEquals(Optional.of("s3cret"), AdminTokenSource.resolve(Optional.of("s3cret"), true, data).token());
    }

    @Test
    void withoutATokenOneIsGeneratedIntoAnOwnerOnlyFileAndReusedOnTheNextStart() throws Exception {
        Path folder = data.resolve("not-yet-created");
        AdminTokenSource.Resolved first = AdminTokenSource.resolve(Optional.empty(), false, folder);
        Path file = folder.resolve("admin-token");
        assertEquals(AdminTokenSource.Origin.GENERATED, first.origin());
        assertEquals(Optional.of(file), first.file());
        String token = first.token().orElseThrow();
        assertTrue(URL_SAFE.matcher(token).matches(), "32 random bytes, base64url: " + token);
        assertEquals(token, Files.readString(file, StandardCharsets.UTF_8).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(folder)) {
            assertEquals(1, left.count(), "no temporary file left beside it");
        }

        AdminTokenSource.Resolved second = AdminTokenSource.resolve(Optional.empty(), false, folder);
        assertEquals(AdminTokenSource.Origin.REUSED, second.origin());
        assertEquals(Optional.of(token), second.token(), "the same token on the next start");
        assertFalse(second.permissionsTightened());
    }

    @Test
    void everyDataFolderGetsItsOwnToken() {
        String a = AdminTokenSource.resolve(Optional.empty(), false, data.resolve("a")).token().orElseThrow();
        String b = AdminTokenSource.resolve(Optional.empty(), false, data.resolve("b")).token().orElseThrow();
        assertNotEquals(a, b);
    }

    @Test
    void aKeptFileReadableByOthersIsTightened() throws Exception {
        Path file = data.resolve("admin-token");
        Files.writeString(file, "kept-token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AdminTokenSource.Resolved resolved = AdminTokenSource.resolve(Optional.empty(), false, data);
        assertEquals(Optional.of("kept-token"), resolved.token());
        assertTrue(resolved.permissionsTightened());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anEmptyKeptFileIsRefusedWithWhatToDo() throws Exception {
        Files.writeString(data.resolve("admin-token"), "  \n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> AdminTokenSource.resolve(Optional.empty(), false, data));
        assertTrue(refused.getMessage().contains("delete it"), refused.getMessage());
    }

    @Test
    void explicitlyOpenRoutesNeedNoTokenAndNoFileIsWritten() throws Exception {
        AdminTokenSource.Resolved resolved = AdminTokenSource.resolve(Optional.empty(), true, data);
        assertEquals(AdminTokenSource.Origin.OPEN, resolved.origin());
        assertEquals(Optional.empty(), resolved.token());
        assertEquals(Optional.empty(), AdminTokenSource.resolve(Optional.of("  "), true, data).token(),
                "a blank token counts as none");
        try (var files = Files.list(data)) {
            assertEquals(0, files.count());
        }
    }
}
