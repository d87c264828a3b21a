package dev.visualsearch.common.database;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive work (Hibernate Reactive Panache) from a worker thread, such as an import or a pipeline job, and
 * waits for its result. Reactive sessions need a Vert.x context; this gives the work one and blocks only the worker.
 */
public final class ReactiveWork {

    private ReactiveWork() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
