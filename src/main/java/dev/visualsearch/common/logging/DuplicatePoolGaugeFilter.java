package dev.visualsearch.common.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops the one start-up warning Micrometer logs when the reactive SQL client registers its pool's queue gauge a
 * second time ("This Gauge has been already registered (MeterId{name='postgresql.queue.size'..."): a known Quarkus
 * bug (quarkusio/quarkus#47504, open when this was written), harmless (the first gauge stays and reports), and the
 * only warning a healthy start printed. Every other Micrometer message passes.
 */
@LoggingFilter(name = "duplicate-pool-gauge")
public final class DuplicatePoolGaugeFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        return message == null || !(message.startsWith("This Gauge has been already registered")
                && message.contains("postgresql.queue.size"));
    }
}
