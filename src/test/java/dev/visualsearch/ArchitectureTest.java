package dev.visualsearch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package-by-feature rules of docs/architecture.md, checked on the compiled classes: features form no cycle, and
 * no feature reaches into another feature's adapters (the subpackages that wrap an engine or a library), only into
 * its top-level package and its sub-features; one class observes start-up; one helper blocks on the database, and
 * no request path or reactive method reaches it; runs
 * execute on one set of lanes; the architecture diagram draws the dependencies the code has.
 */
class ArchitectureTest {

    /** Subpackages that adapt an engine or a library for their feature; only that feature may use them. */
    private static final String[][] ADAPTERS = {
        {"index", "dev.visualsearch.index.faiss.."},
        {"index", "dev.visualsearch.index.opensearch.."},
        {"index", "dev.visualsearch.index.exact.."},
        {"embedding", "dev.visualsearch.embedding.djl.."},
        {"embedding", "dev.visualsearch.embedding.tfjs.."},
        {"embedding", "dev.visualsearch.embedding.torchscript.."},
        {"embedding", "dev.visualsearch.embedding.onnx.."},
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.visualsearch");
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("dev.visualsearch.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesAdapters() {
        for (String[] adapter : ADAPTERS) {
            noClasses().that().resideOutsideOfPackage("dev.visualsearch." + adapter[0] + "..")
                    .and().resideOutsideOfPackage("dev.visualsearch")
                    .should().dependOnClassesThat().resideInAPackage(adapter[1])
                    .because(adapter[1] + " is an adapter of the " + adapter[0] + " feature")
                    .check(classes);
        }
    }

    /** One start-up sequence (pipeline.StartupSequence) says what the service does when it starts, in order. */
    @Test
    void onlyTheStartupSequenceObservesStartup() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.visualsearch.pipeline.StartupSequence")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.quarkus.runtime.StartupEvent")
                .because("start-up steps are methods that StartupSequence calls in order, not observers with "
                        + "priorities spread over the features")
                .check(classes);
    }

    /** Blocking on the reactive database has one helper whose name says it blocks (ADR-014). */
    @Test
    void onlyBlockingDatabaseWaitsForReactiveWork() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.visualsearch.common.database.BlockingDatabase")
                .should().callMethod(io.quarkus.vertx.VertxContextSupport.class, "subscribeAndAwait",
                        java.util.function.Supplier.class)
                .because("jobs block through BlockingDatabase.await, and request paths chain the Uni")
                .check(classes);
    }

    /**
     * A method that hands back a {@code Uni} or {@code Multi} promises not to block (ADR-014), and so does every REST
     * route (request paths never wait for the database, whatever they return), so neither it, nor the
     * lambdas it builds, nor the plain methods of ours they call (followed to any depth) wait through
     * {@link dev.visualsearch.common.database.BlockingDatabase}. Lambdas are told by javac's names
     * ({@code lambda$<method>$<n>}); calls through an interface are followed into every implementation. The bodies
     * of runs are where the search stops: a reactive method submits them to a lane of RunWorkers and returns, and they
     * wait on the lane's thread (bytecode does not say which lambda is handed to the lane, so they are named here).
     */
    @Test
    void noReactiveMethodWaitsForTheDatabase() {
        List<String> violations = new ArrayList<>();
        for (JavaClass owner : classes) {
            for (JavaMethod method : owner.getMethods()) {
                boolean route = owner.isAnnotatedWith("jakarta.ws.rs.Path")
                        && method.getModifiers().contains(JavaModifier.PUBLIC);
                if ((returnsAStream(method) || route) && !method.getName().startsWith("lambda$")) {
                    blockingPath(method, new HashSet<>()).ifPresent(path -> violations.add(String.join(" -> ", path)));
                }
            }
        }
        assertEquals(List.of(), violations, "reactive methods that block on the database");
    }

    private static final Set<String> RUN_BODIES = Set.of("PipelineRunner.execute", "ImportRunner.run");

    private static boolean returnsAStream(JavaMethod method) {
        String type = method.getRawReturnType().getName();
        return type.equals("io.smallrye.mutiny.Uni") || type.equals("io.smallrye.mutiny.Multi")
                || type.equals("org.jboss.resteasy.reactive.RestMulti");
    }

    private static Optional<List<String>> blockingPath(JavaMethod method, Set<JavaMethod> seen) {
        if (!seen.add(method) || RUN_BODIES.contains(describe(method))) {
            return Optional.empty();
        }
        List<JavaMethod> body = new ArrayList<>(List.of(method));
        String lambdaPrefix = "lambda$" + method.getName() + "$";
        method.getOwner().getMethods().stream().filter(m -> m.getName().startsWith(lambdaPrefix)).forEach(body::add);
        for (JavaMethod part : body) {
            for (JavaMethodCall call : part.getMethodCallsFromSelf()) {
                String target = call.getTargetOwner().getName();
                if (target.equals("dev.visualsearch.common.database.BlockingDatabase")) {
                    return Optional.of(new ArrayList<>(List.of(describe(part), "BlockingDatabase.await")));
                }
                if (!target.startsWith("dev.visualsearch.")) {
                    continue;
                }
                for (JavaMethod callee : implementations(call)) {
                    if (returnsAStream(callee)) {
                        continue; // checked as a method of its own
                    }
                    Optional<List<String>> below = blockingPath(callee, seen);
                    if (below.isPresent()) {
                        below.get().add(0, describe(part));
                        return below;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<JavaMethod> implementations(JavaMethodCall call) {
        List<JavaMethod> found = new ArrayList<>();
        call.getTarget().resolveMember().ifPresent(found::add);
        JavaClass owner = call.getTargetOwner();
        for (JavaClass sub : owner.getAllSubclasses()) {
            sub.tryGetMethod(call.getName(), call.getTarget().getRawParameterTypes().stream()
                    .map(JavaClass::getName).toArray(String[]::new)).ifPresent(found::add);
        }
        return found;
    }

    private static String describe(JavaMethod method) {
        return method.getOwner().getSimpleName() + "." + method.getName();
    }

    /** A run executes on a lane of RunWorkers, the one executor policy of runs (docs/pipeline.md). */
    @Test
    void runsExecuteOnlyOnTheRunLanes() {
        DescribedPredicate<JavaClass> recordRuns = DescribedPredicate.describe("record runs", origin ->
                origin.getDirectDependenciesFromSelf().stream().anyMatch(dependency ->
                        dependency.getTargetClass().getFullName().equals("dev.visualsearch.common.run.RunRecorder")));
        noClasses().that(recordRuns)
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.visualsearch.common.Workers")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .because("a class that records runs submits them to RunWorkers, whose lanes say what runs beside "
                        + "what, instead of starting a thread of its own")
                .check(classes);
    }

    /**
     * The feature diagram of docs/architecture.md draws exactly the dependencies between features that the code has
     * ({@code common}, which every feature uses, and the root package's {@code Main} left out), so it cannot go stale.
     */
    @Test
    void theArchitectureDiagramDrawsTheFeaturesDependencies() throws IOException {
        SortedSet<String> inCode = new TreeSet<>();
        for (JavaClass origin : classes) {
            String from = feature(origin.getPackageName());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String to = feature(dependency.getTargetClass().getPackageName());
                if (from != null && to != null && !from.equals(to)) {
                    inCode.add(from + " --> " + to);
                }
            }
        }
        assertEquals(inCode, diagramEdges(Path.of("docs", "architecture.md")),
                "docs/architecture.md's feature diagram must draw the dependencies the code has");
    }

    /** The feature a package belongs to, or null for {@code common} and the root package. */
    private static String feature(String packageName) {
        String prefix = "dev.visualsearch.";
        if (!packageName.startsWith(prefix)) {
            return null;
        }
        String feature = packageName.substring(prefix.length()).split("\\.")[0];
        return feature.equals("common") ? null : feature;
    }

    /** The edges of the mermaid block after the {@code <!-- feature-graph -->} marker ({@code a --> b & c}). */
    private static SortedSet<String> diagramEdges(Path doc) throws IOException {
        String text = Files.readString(doc);
        int marker = text.indexOf("<!-- feature-graph -->");
        assertTrue(marker >= 0, doc + " has the feature-graph marker");
        int start = text.indexOf("```mermaid", marker);
        String block = text.substring(start, text.indexOf("\n```", start + 1));
        SortedSet<String> edges = new TreeSet<>();
        for (String line : block.split("\n")) {
            String[] sides = line.strip().split("\\s*-->\\s*");
            if (sides.length == 2) {
                for (String target : sides[1].split("\\s*&\\s*")) {
                    edges.add(sides[0] + " --> " + target.strip());
                }
            }
        }
        return edges;
    }
}
