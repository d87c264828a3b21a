package dev.visualsearch;

import dev.visualsearch.common.database.EmbeddedPostgresServer;
import dev.visualsearch.embedding.OneDnnCap;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service's entry point. It runs the application; when the application stops because the model's
 * self-check failed with oneDNN uncapped (see OneDnnCap), it starts the same command again with the cap and stays
 * as its parent: signals reach the child through this process, and its exit code becomes this one's. It writes to
 * standard error because the application's logging has shut down with the application.
 */
@QuarkusMain
public final class Main {

    public static void main(String... args) {
        if (OneDnnCap.current() == null) {
            System.setProperty(OneDnnCap.RELAUNCHABLE_PROPERTY, "true");
        }
        Quarkus.run(null, Main::exit, args);
    }

    private static void exit(int code, Throwable failure) {
        if (OneDnnCap.relaunchRequested()) {
            System.exit(relaunchCapped());
        }
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            // Dev mode stops the application for every live reload and starts it again in this JVM: exiting here
            // would end the dev session at the first edit.
            if (failure != null) {
                say("The service stopped: " + failure);
            }
            return;
        }
        if (failure != null) {
            say("The service stopped: " + failure);
            failure.printStackTrace();
        }
        System.exit(code);
    }

    private static int relaunchCapped() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        if (self.command().isEmpty() || self.arguments().isEmpty()) {
            say("Cannot restart with " + cap() + ": this platform does not report the command line; set it and start "
                    + "again");
            return 1;
        }
        EmbeddedPostgresServer.stopIfRunning(); // the child starts it again on the same data folder
        List<String> command = new ArrayList<>();
        command.add(self.command().get());
        command.addAll(Arrays.asList(self.arguments().get()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(OneDnnCap.VARIABLE, OneDnnCap.SAFE_ISA);
        builder.environment().put(OneDnnCap.RELAUNCHED_VARIABLE, "1");
        say("Starting the service again with " + cap() + " (the model self-check failed without it)");
        try {
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "capped-service-stop"));
            return awaitExit(child);
        } catch (IOException e) {
            say("Could not start the service again with " + cap() + ": " + e);
            return 1;
        }
    }

    /**
     * The child's exit code. The application's shutdown leaves this thread interrupted, and a signal to this
     * process reaches the child through the shutdown hook, so an interrupt is no reason to stop waiting.
     */
    private static int awaitExit(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
    }

    private static String cap() {
        return OneDnnCap.VARIABLE + "=" + OneDnnCap.SAFE_ISA;
    }

    private static void say(String message) {
        System.err.println("[launcher] " + message);
    }

    /** SIGTERM to the child (a graceful Quarkus shutdown), SIGKILL if it has not ended within a minute. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
