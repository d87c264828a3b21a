package dev.visualsearch.common.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class DuplicatePoolGaugeFilterTest {

    private final DuplicatePoolGaugeFilter filter = new DuplicatePoolGaugeFilter();

    @Test
    void dropsOnlyThePoolQueueGaugeRegisteredTwice() {
        String duplicate = "This Gauge has been already registered (MeterId{name='postgresql.queue.size', "
                + "tags=[tag(clientName=<default>),tag(clientType=sql)]}), the registration will be ignored.";
        assertFalse(filter.isLoggable(new LogRecord(Level.WARNING, duplicate)));
        ExtLogRecord formatted = new ExtLogRecord(Level.WARNING, "This Gauge has been already registered ({0}), the "
                + "registration will be ignored.", ExtLogRecord.FormatStyle.MESSAGE_FORMAT, getClass().getName());
        formatted.setParameters(new Object[] {"MeterId{name='postgresql.queue.size'}"});
        assertFalse(filter.isLoggable(formatted));
        assertTrue(filter.isLoggable(new LogRecord(Level.WARNING, "This Gauge has been already registered "
                + "(MeterId{name='search.log.dropped'}), the registration will be ignored.")));
        assertTrue(filter.isLoggable(new LogRecord(Level.WARNING, "Pipeline run failed")));
        assertTrue(filter.isLoggable(new LogRecord(Level.INFO, null)));
    }
}
