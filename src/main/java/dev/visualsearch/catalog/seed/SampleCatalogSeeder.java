package dev.visualsearch.catalog.seed;

import dev.visualsearch.catalog.CatalogConfig;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.importing.ImportService;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Run;
import dev.visualsearch.common.run.RunStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Seeds the sample catalogue (data/sample) into an empty database on start-up, as a background run so that the
 * service answers at once. A seed interrupted by a restart resumes on the next start: already imported images are
 * recognised by their content hash and skipped.
 */
@ApplicationScoped
public class SampleCatalogSeeder {

    static final String JOB = "seed";
    private static final Logger LOG = Logger.getLogger(SampleCatalogSeeder.class);

    private final CatalogConfig config;
    private final ProductRepository products;
    private final ImportService imports;

    public SampleCatalogSeeder(CatalogConfig config, ProductRepository products, ImportService imports) {
        this.config = config;
        this.products = products;
        this.imports = imports;
    }

    /**
     * Starts seeding the sample catalogue in the background when it is wanted (a start-up step of
     * {@code pipeline.StartupSequence}); returns the seed's run, if one started. Blocking.
     */
    public Optional<UUID> seedIfNeeded() {
        if (!config.seed()) {
            return Optional.empty();
        }
        Path folder = Path.of(config.sampleDir()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("catalog.csv"))) {
            LOG.warnf("Sample catalogue not found at %s (run from the project folder or set app.catalog.sample-dir); "
                    + "not seeding", folder);
            return Optional.empty();
        }
        if (BlockingDatabase.await(() -> Panache.withSession(this::shouldSeed))) {
            UUID runId = BlockingDatabase.await(() -> imports.importFolder(folder, JOB));
            LOG.infof("Seeding the sample catalogue from %s in the background (run %s)", folder, runId);
            return Optional.of(runId);
        }
        return Optional.empty();
    }

    /** Seed when no seed ever finished and the catalogue is empty or holds only a partial seed. */
    private Uni<Boolean> shouldSeed() {
        return Run.count("job = ?1 and status = ?2", JOB, RunStatus.succeeded.name())
                .chain(succeeded -> succeeded > 0 ? Uni.createFrom().item(false)
                        : Run.count("job", JOB).chain(attempts -> attempts > 0 ? Uni.createFrom().item(true)
                                : products.count().map(count -> count == 0)));
    }
}
