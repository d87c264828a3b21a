package dev.visualsearch.catalog.importing;

import dev.visualsearch.catalog.CatalogConfig;
import dev.visualsearch.catalog.image.ImagesConfig;
import dev.visualsearch.common.DataDirectory;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.run.RunRecorder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Accepts a zip for import: checks it is a readable zip within limits before answering (so a malformed archive
 * gets 422 at once), keeps it under the data folder, records a run and hands it to the {@link ImportRunner}.
 */
@ApplicationScoped
public class ImportService {

    static final String DEFAULT_CATEGORY = "Uncategorised";

    private final CatalogConfig config;
    private final ImagesConfig images;
    private final DataDirectory data;
    private final RunRecorder runs;
    private final ImportRunner runner;
    private final Vertx vertx;

    public ImportService(CatalogConfig config, ImagesConfig images, DataDirectory data, RunRecorder runs,
                         ImportRunner runner, Vertx vertx) {
        this.config = config;
        this.images = images;
        this.data = data;
        this.runs = runs;
        this.runner = runner;
        this.vertx = vertx;
    }

    public Uni<UUID> importArchive(FileUpload upload) {
        if (upload.size() > config.importing().maxArchiveBytes()) {
            throw ApiProblem.payloadTooLarge("The archive is " + upload.size() + " bytes; the limit is "
                    + config.importing().maxArchiveBytes() + " bytes");
        }
        return vertx.executeBlocking(() -> keep(upload))
                .chain(archive -> vertx.executeBlocking(() -> open(archive))
                        .chain(source -> runs.create("import").invoke(run ->
                                runner.start(run.id, source, DEFAULT_CATEGORY, () -> deleteQuietly(archive))))
                        .map(run -> run.id));
    }

    /** Imports the sample catalogue folder ({@code catalog.csv} + {@code images/}) as a run of the given job. */
    public Uni<UUID> importFolder(Path folder, String job) {
        return runs.create(job)
                .invoke(run -> runner.start(run.id, new DirectoryImportSource(folder), DEFAULT_CATEGORY, () -> { }))
                .map(run -> run.id);
    }

    /** Moves the upload out of the HTTP temp folder, which is emptied when the request ends. */
    private Path keep(FileUpload upload) {
        try {
            Path target = data.folder("tmp/imports").resolve(UUID.randomUUID() + ".zip");
            return Files.move(upload.uploadedFile(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the uploaded archive", e);
        }
    }

    private ImportSource open(Path archive) {
        try {
            return new ZipImportSource(archive, config.importing().maxEntries(), images.maxUploadBytes(),
                    config.importing().maxUncompressedBytes());
        } catch (RuntimeException e) {
            deleteQuietly(archive);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless; tmp/ is not data
        }
    }
}
