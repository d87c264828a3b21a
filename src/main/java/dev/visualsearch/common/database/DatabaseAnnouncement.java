package dev.visualsearch.common.database;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jboss.logging.Logger;

/**
 * Says in one start-up line which database the service uses and at which schema version, in place of Flyway's line
 * per migration (its INFO is off, application.properties): the first line of a start's story.
 */
@ApplicationScoped
public class DatabaseAnnouncement {

    private static final Logger LOG = Logger.getLogger(DatabaseAnnouncement.class);

    private final Flyway flyway;
    private final String url;

    public DatabaseAnnouncement(Flyway flyway,
                                @ConfigProperty(name = "quarkus.datasource.jdbc.url", defaultValue = "") String url) {
        this.flyway = flyway;
        this.url = url;
    }

    /** Logs the database and its schema version; a database that cannot say is reported, not fatal. */
    public void announce() {
        try {
            MigrationInfo current = flyway.info().current();
            int applied = flyway.info().applied().length;
            LOG.infof("Database %s: schema at version %s (%d migrations applied)", withoutParameters(url),
                    current == null ? "none" : current.getVersion(), applied);
        } catch (RuntimeException e) {
            LOG.warnf("Database %s: its schema version could not be read (%s)", withoutParameters(url), e.getMessage());
        }
    }

    /** The URL without its query string, which may carry a user name or a password. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
