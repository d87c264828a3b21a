package dev.visualsearch.index;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The changes a remote approximate index refused (OpenSearch down), one per product, the latest change of a product
 * replacing an older one; the exact index always took them. {@link #retry} writes them, oldest first, when the
 * backend answers again (AnnWriteRetry calls it on a schedule).
 */
final class AnnWriteQueue {

    private static final Logger LOG = Logger.getLogger(AnnWriteQueue.class);

    private final Map<Long, IndexChange> waiting = new LinkedHashMap<>();

    /** Runs {@code write} (the change applied to the approximate index); a refused change waits here. */
    synchronized void applyOrQueue(IndexChange change, String backend, Runnable write) {
        try {
            write.run();
            waiting.remove(change.id());
        } catch (RuntimeException e) {
            waiting.remove(change.id());
            waiting.put(change.id(), change);
            LOG.warnf("The %s index refused the change of product %d (%s); it is searchable exactly now and will be "
                    + "written to the approximate index when the backend answers (%d waiting)", backend, change.id(),
                    e.getMessage(), waiting.size());
        }
    }

    /** Writes the waiting changes until one is refused again; returns how many still wait. */
    synchronized int retry(LiveIndex ann, SearchSpace space) {
        int written = 0;
        Iterator<IndexChange> queued = waiting.values().iterator();
        while (queued.hasNext()) {
            IndexChange change = queued.next();
            try {
                change.applyTo(ann, space);
            } catch (RuntimeException e) {
                LOG.debugf("The approximate index still refuses writes: %s", e.getMessage());
                break;
            }
            queued.remove();
            written++;
        }
        if (written > 0) {
            LOG.infof("Wrote %d refused change(s) to the %s index; %d still waiting", written,
                    ann.descriptor().backend(), waiting.size());
        }
        return waiting.size();
    }

    /** A new index was built from a snapshot that holds every change refused before it. */
    synchronized void clear() {
        waiting.clear();
    }

    synchronized int size() {
        return waiting.size();
    }
}
