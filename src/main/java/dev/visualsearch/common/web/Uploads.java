package dev.visualsearch.common.web;

import dev.visualsearch.common.error.ApiProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Reads multipart file parts with the checks every upload route shares. */
public final class Uploads {

    private Uploads() {
    }

    /** The bytes of a required image part, refused with 413 before reading when the file is over the limit. */
    public static byte[] readImage(FileUpload upload, long maxBytes) {
        requirePart(upload, "image");
        if (upload.size() > maxBytes) {
            throw ApiProblem.payloadTooLarge("The image is " + upload.size() + " bytes; the limit is " + maxBytes
                    + " bytes").with("limitBytes", maxBytes);
        }
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
    }

    public static void requirePart(FileUpload upload, String name) {
        if (upload == null || upload.uploadedFile() == null) {
            throw ApiProblem.badRequest("The multipart form needs a file part named '" + name + "'");
        }
    }
}
