package dev.visualsearch.common.database;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.function.Supplier;

/**
 * The one way blocking code reaches the reactive database (ADR-014): a background job, an import or a start-up step
 * on its own worker thread runs reactive work (Hibernate Reactive Panache) and waits for the result. Reactive
 * sessions need a Vert.x context; this gives the work one and blocks only the calling thread. Request paths never
 * call it: they chain the {@link Uni} instead, and calling it on an event loop fails at once.
 */
public final class BlockingDatabase {

    private BlockingDatabase() {
    }

    /** Runs {@code work} in a Vert.x context and blocks the calling worker thread until it ends. */
    public static <T> T await(Supplier<Uni<T>> work) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("BlockingDatabase.await on an event loop: chain the Uni instead");
        }
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
