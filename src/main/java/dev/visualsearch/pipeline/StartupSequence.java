package dev.visualsearch.pipeline;

import dev.visualsearch.catalog.seed.SampleCatalogSeeder;
import dev.visualsearch.cluster.ClusterService;
import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.database.DatabaseAnnouncement;
import dev.visualsearch.common.run.RunRecorder;
import dev.visualsearch.common.web.AdminAccess;
import dev.visualsearch.index.IndexStartup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The one start-up sequence: every step the service takes when it starts, in the order they depend on each other,
 * written in one place instead of observers with priorities in each feature. Steps that take long (the seed, the
 * index build, the catch-up runs) start in the background and the service answers at once; their ends drive what
 * follows (CatchUpWhenCatalogueFilled after a seed or import, CatchUpOnStartup once the index is ready).
 */
@ApplicationScoped
public class StartupSequence {

    private static final Logger LOG = Logger.getLogger(StartupSequence.class);

    private final DatabaseAnnouncement database;
    private final RunRecorder runs;
    private final AdminAccess admin;
    private final ClusterService clusters;
    private final CatchUpWhenCatalogueFilled catchUp;
    private final SampleCatalogSeeder seeder;
    private final IndexStartup indexes;
    private final PipelineSchedule schedule;

    public StartupSequence(DatabaseAnnouncement database, RunRecorder runs, AdminAccess admin,
                           ClusterService clusters, CatchUpWhenCatalogueFilled catchUp, SampleCatalogSeeder seeder,
                           IndexStartup indexes, PipelineSchedule schedule) {
        this.database = database;
        this.runs = runs;
        this.admin = admin;
        this.clusters = clusters;
        this.catchUp = catchUp;
        this.seeder = seeder;
        this.indexes = indexes;
        this.schedule = schedule;
    }

    void onStart(@Observes StartupEvent event) {
        // 0. The first line of the start's story: which database, at which schema version.
        database.announce();
        // 1. Runs the previous process left active can never end now: failed, before anything new starts.
        int interrupted = BlockingDatabase.await(runs::failInterrupted);
        if (interrupted > 0) {
            LOG.warnf("Marked %d run(s) interrupted by the previous shutdown as failed", interrupted);
        }
        // 2. Who may use the admin routes, said early in the log.
        admin.announce();
        // 3. The stored clustering, so cluster-first search works as soon as the index does.
        clusters.reload();
        // 4. Follow runs before any can fill the catalogue, so the end of the seed is never missed.
        catchUp.follow();
        // 5. The sample catalogue, in the background, when the database has none.
        seeder.seedIfNeeded();
        // 6. The indexes, in the background; IndexReady then catches up a backlog of vectors.
        indexes.startInBackground();
        // 7. The schedule, last: its start policy keeps it from running beside the seed.
        schedule.start();
    }
}
