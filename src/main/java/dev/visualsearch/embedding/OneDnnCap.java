package dev.visualsearch.embedding;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;

/**
 * The cap on oneDNN's CPU kernels ({@code ONEDNN_MAX_CPU_ISA}) and the one way this service recovers from wrong
 * embeddings on CPUs whose AVX-512 kernels compute them (docs/models.md): oneDNN reads the variable once, when
 * libtorch first runs a convolution, and a JVM cannot set its own environment, so the packaged service's launcher
 * ({@code dev.visualsearch.Main}) starts itself again with the cap when the model's self-check fails uncapped.
 */
public final class OneDnnCap {

    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The cap that gave the reference embeddings on the CPU where the uncapped kernels were wrong. */
    public static final String SAFE_ISA = "AVX2";
    /** Set by the launcher for the process it starts again, so that health and logs can say why it runs capped. */
    public static final String RELAUNCHED_VARIABLE = "APP_ONEDNN_RELAUNCHED";
    /** Set by the launcher (packaged runs only): this process may ask to be started again with the cap. */
    public static final String RELAUNCHABLE_PROPERTY = "app.launcher.relaunchable";

    private static volatile boolean relaunchRequested;

    private OneDnnCap() {
    }

    /** The cap this process runs under, or null when oneDNN may use every kernel the CPU has. */
    public static String current() {
        String value = System.getenv(VARIABLE);
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether this process was started again by the launcher after a failed self-check. */
    public static boolean relaunched() {
        return "1".equals(System.getenv(RELAUNCHED_VARIABLE));
    }

    /** Whether a failed self-check can be healed here: uncapped, started by the launcher, not dev mode or a test. */
    static boolean canRelaunch() {
        return current() == null && Boolean.getBoolean(RELAUNCHABLE_PROPERTY) && LaunchMode.current() == LaunchMode.NORMAL;
    }

    /**
     * Stops the application a second from now (so the request that loaded the model gets its 503); the launcher then
     * starts the service again with {@link #SAFE_ISA}.
     */
    static void requestRelaunch() {
        relaunchRequested = true;
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Quarkus.asyncExit();
        }, "restart-with-onednn-cap");
        stopper.setDaemon(true);
        stopper.start();
    }

    public static boolean relaunchRequested() {
        return relaunchRequested;
    }

    /** How health and the status describe the cap. */
    public static String describe() {
        String cap = current();
        if (cap == null) {
            return "uncapped";
        }
        return relaunched() ? cap + " (the service restarted itself with this cap after a failed model self-check)"
                : cap;
    }
}
