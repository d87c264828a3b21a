package dev.visualsearch.catalog.importing;

import dev.visualsearch.catalog.CatalogService;
import dev.visualsearch.catalog.DuplicateImageException;
import dev.visualsearch.catalog.LookAlikes;
import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.ProductAdded;
import dev.visualsearch.catalog.ProductDraft;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.catalog.image.ImageStore;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.run.Progress;
import dev.visualsearch.common.run.RunRecorder;
import dev.visualsearch.common.run.RunWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Imports the files of a source one by one on the catalogue lane of {@link RunWorkers}, so that a bad file is
 * reported and skipped while the rest go in, and progress reaches the run record as it goes. One import (or seed)
 * runs at a time. The
 * products are announced for embedding in batches of {@code app.embedding.batch-size} (one forward pass each)
 * rather than one by one; a product is searchable once its batch is announced.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    /** Most decoded pixels a batch holds (about 190 MB as RGB ints): a batch of large photos is cut short. */
    static final long MAX_BATCH_PIXELS = 48_000_000L;

    private final CatalogService catalog;
    private final ImageDecoder decoder;
    private final ImageStore store;
    private final RunRecorder runs;
    private final LookAlikes lookAlikes;
    private final int batchSize;
    private final RunWorkers workers;

    public ImportRunner(CatalogService catalog, ImageDecoder decoder, ImageStore store, RunRecorder runs,
                        RunWorkers workers, LookAlikes lookAlikes,
                        @ConfigProperty(name = "app.embedding.batch-size", defaultValue = "8") int batchSize) {
        this.catalog = catalog;
        this.decoder = decoder;
        this.store = store;
        this.runs = runs;
        this.workers = workers;
        this.lookAlikes = lookAlikes;
        this.batchSize = Math.max(1, batchSize);
    }

    void start(UUID runId, ImportSource source, String defaultCategory, Runnable afterwards) {
        workers.submit(RunWorkers.Lane.CATALOGUE, () -> {
            try {
                run(runId, source, defaultCategory);
            } finally {
                afterwards.run();
            }
        });
    }

    private void run(UUID runId, ImportSource source, String defaultCategory) {
        ImportReport report = new ImportReport();
        AddedBatch batch = new AddedBatch(batchSize, MAX_BATCH_PIXELS, catalog::announce);
        Progress progress = runs.progressOf(runId);
        try (source) {
            BlockingDatabase.await(() -> runs.started(runId, "Reading the files"));
            Manifest manifest = source.manifest().map(Manifest::parse).orElse(Manifest.empty());
            List<String> names = source.names();
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.warnf("Import run %s stopped by shutdown after %d file(s); it is marked failed at the next start "
                            + "(products not yet embedded stay in the embed backlog)", runId, report.processed());
                    return;
                }
                importOne(source, name, manifest, defaultCategory, report, batch);
                manifest.find(name).ifPresent(row -> seen.add(row.file()));
                progress.report((double) report.processed() / names.size(),
                        report.processed() + " of " + names.size() + " files");
            }
            batch.flush();
            reportLookAlikes(report);
            manifest.rows().stream().filter(row -> !seen.contains(row.file()))
                    .forEach(row -> report.failed(row.file(), "listed in manifest.csv but not in the archive"));
            BlockingDatabase.await(() -> runs.succeeded(runId, report.summary()));
        } catch (ZipImportSource.ArchiveBudgetExceededException | ApiProblem e) {
            batch.flush();
            BlockingDatabase.await(() -> runs.failed(runId, e.getMessage() + "\n" + report.summary()));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "Import run %s failed", runId);
            batch.flush();
            BlockingDatabase.await(() -> runs.failed(runId, "The import failed: " + e.getMessage() + "\n" + report.summary()));
        }
    }

    private void importOne(ImportSource source, String name, Manifest manifest, String defaultCategory,
                           ImportReport report, AddedBatch batch) {
        try {
            Manifest.Row row = manifest.find(name).orElse(null);
            ProductDraft draft = ProductDraft.of(
                    row != null && row.title() != null ? row.title() : titleFromFileName(name),
                    row != null && row.category() != null ? row.category() : categoryFromFolder(name, defaultCategory),
                    row == null ? null : row.sku(),
                    row == null ? null : row.price());
            byte[] bytes = source.read(name);
            var decoded = decoder.decode(bytes);
            var stored = store.store(decoded);
            Product product = BlockingDatabase.await(() -> catalog.addUnannounced(draft, stored));
            report.imported(product.id, name);
            batch.add(new ProductAdded(product.id, product.title, product.category, product.imageHash, decoded.rgb()));
        } catch (DuplicateImageException duplicate) {
            report.duplicate();
        } catch (ApiProblem problem) {
            report.failed(name, problem.getMessage());
        } catch (ZipImportSource.EntryTooLargeException e) {
            report.failed(name, e.getMessage());
        } catch (IOException e) {
            report.failed(name, "could not be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Once every batch was announced (so every imported product is indexed), asks which of them look like a product
     * already in the catalogue or another file of this archive: a warning in the run's message, not a refusal.
     */
    private void reportLookAlikes(ImportReport report) {
        try {
            report.lookAlikeThreshold(lookAlikes.threshold());
            for (long id : report.importedIds()) {
                for (LookAlikes.LookAlike like : lookAlikes.of(id)) {
                    report.lookAlike(id, like);
                }
            }
        } catch (RuntimeException e) {
            // A warning that cannot be given must not fail an import whose products are all in.
            LOG.warnf(e, "Near-duplicates of an import could not be checked");
        }
    }

    /** "shoes/red-running_shoe.png" becomes "Red Running Shoe". */
    static String titleFromFileName(String name) {
        String base = ZipImportSource.baseName(name);
        int dot = base.lastIndexOf('.');
        String stem = (dot > 0 ? base.substring(0, dot) : base).replaceAll("[_\\-.]+", " ").strip();
        StringBuilder title = new StringBuilder();
        for (String word : stem.split("\\s+")) {
            if (!word.isEmpty()) {
                title.append(title.length() == 0 ? "" : " ")
                        .append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return title.length() == 0 ? "Untitled" : title.toString();
    }

    /** The innermost folder of the entry names the category; files at the top level get the default. */
    static String categoryFromFolder(String name, String defaultCategory) {
        String normalised = name.replace('\\', '/');
        int slash = normalised.lastIndexOf('/');
        if (slash <= 0) {
            return defaultCategory;
        }
        String folders = normalised.substring(0, slash);
        String folder = folders.substring(folders.lastIndexOf('/') + 1).strip();
        return folder.isEmpty() || folder.equals("..") || folder.equals(".") ? defaultCategory : folder;
    }
}
