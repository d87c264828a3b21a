package dev.visualsearch.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Background threads of this service: named, so they read in thread dumps, and daemons, so they never hold a JVM. */
public final class Workers {

    private Workers() {
    }

    /** One named daemon thread that runs its tasks in order. */
    public static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
