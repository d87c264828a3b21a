package dev.visualsearch.catalog.seed;

import dev.visualsearch.catalog.CatalogConfig;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.importing.ImportService;
import dev.visualsearch.common.database.ReactiveWork;
import dev.visualsearch.common.run.Run;
import dev.visualsearch.common.run.RunStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
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

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (!config.seed()) {
            return;
        }
        Path folder = Path.of(config.sampleDir()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("catalog.csv"))) {
            LOG.warnf("Sample catalogue not found at %s (run from the project folder or set app.catalog.sample-dir); "
                    + "not seeding", folder);
            return;
        }
        if (ReactiveWork.await(() -> Panache.withSession(this::shouldSeed))) {
            UUID runId = ReactiveWork.await(() -> imports.importFolder(folder, JOB));
            LOG.infof("Seeding the sample catalogue from %s in the background (run %s)", folder, runId);
        }
    }

    /** Seed when no seed ever finished and the catalogue is empty or holds only a partial seed. */
    private Uni<Boolean> shouldSeed() {
        return Run.count("job = ?1 and status = ?2", JOB, RunStatus.succeeded.name())
                .chain(succeeded -> succeeded > 0 ? Uni.createFrom().item(false)
                        : Run.count("job", JOB).chain(attempts -> attempts > 0 ? Uni.createFrom().item(true)
                                : products.count().map(count -> count == 0)));
    }
}
