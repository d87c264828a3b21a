package dev.visualsearch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package-by-feature rules of docs/architecture.md, checked on the compiled classes: features form no cycle, and
 * no feature reaches into another feature's adapters (the subpackages that wrap an engine or a library), only into
 * its top-level package and its sub-features; one class observes start-up; one helper blocks on the database.
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
}
