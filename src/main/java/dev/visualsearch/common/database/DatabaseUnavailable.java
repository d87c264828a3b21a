package dev.visualsearch.common.database;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.Locale;

/**
 * Tells a failure caused by an unreachable or shutting-down database from other failures, so that it becomes a 503
 * the client may retry (and a search can still answer from memory) instead of a 500.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or anything in its cause chain, says the database cannot be reached. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true; // connection exception; admin shutdown, crash shutdown, cannot connect now
            }
            // Vert.x's SQL client also reports lost connections as plain VertxExceptions; only its own are trusted,
            // so that a client hanging up mid-upload is not mistaken for a database outage.
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t.getClass().getName().startsWith("io.vertx.") && (message.contains("connection refused")
                    || message.contains("connection was closed") || message.contains("connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
