package io.ssosync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Guards the direction of dependencies: adapters at the edge depend on the core, never the reverse. */
@AnalyzeClasses(packages = "io.ssosync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = noClasses().that().resideInAPackage("io.ssosync.sync.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "org.eclipse..",
                    "io.smallrye..", "com.fasterxml..", "java.sql..", "javax.sql..", "org.apache.kafka..")
            .because("the sync rules must be testable and readable without any framework");

    @ArchTest
    static final ArchRule domainDependsOnNoAdapter = noClasses().that().resideInAPackage("io.ssosync.sync.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ssosync.ingest..", "io.ssosync.clerk..",
                    "io.ssosync.api..", "io.ssosync.audit..", "io.ssosync.sync.store..", "io.ssosync.sync.dispatch..");

    @ArchTest
    static final ArchRule onlyTheDispatcherTalksToClerk = noClasses().that()
            .resideOutsideOfPackages("io.ssosync.clerk..", "io.ssosync.sync.dispatch..")
            .should().dependOnClassesThat().resideInAPackage("io.ssosync.clerk..");

    @ArchTest
    static final ArchRule ingestKnowsNothingOfClerk = noClasses().that().resideInAPackage("io.ssosync.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ssosync.clerk..", "io.ssosync.sync.dispatch..");

    @ArchTest
    static final ArchRule apiNeverCallsClerk = noClasses().that().resideInAPackage("io.ssosync.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ssosync.sync.dispatch..", "io.ssosync.clerk..");
}
