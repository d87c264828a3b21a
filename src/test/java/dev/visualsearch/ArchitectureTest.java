package dev.visualsearch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package-by-feature rules of docs/architecture.md, checked on the compiled classes: features form no cycle, and
 * no feature reaches into another feature's adapters (the subpackages that wrap an engine or a library), only into
 * its top-level package and its sub-features; one class observes start-up; one helper blocks on the database; runs
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
