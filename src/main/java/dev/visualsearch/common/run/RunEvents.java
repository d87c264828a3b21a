package dev.visualsearch.common.run;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every change of a run, as it happens, for live clients (the pipeline's server-sent events). A hot stream: a
 * subscriber sees changes from the moment it subscribes; the run list gives the state before that.
 */
@ApplicationScoped
public class RunEvents {

    private final BroadcastProcessor<RunView> processor = BroadcastProcessor.create();

    void publish(Run run) {
        if (run != null) {
            synchronized (processor) { // runs change on several threads; onNext must not be concurrent
                processor.onNext(RunView.of(run));
            }
        }
    }

    public Multi<RunView> stream() {
        return processor;
    }
}
