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
            .resideOutsideOfPackages("io.ssosync.clerk..", "io.ssosync.sync.dispatch..", "io.ssosync.reconcile..")
            .should().dependOnClassesThat().resideInAPackage("io.ssosync.clerk..")
            .because("the dispatcher's commands and the reconcile's reads are the only calls to Clerk, both"
                    + " through the gateway and its shared quota");

    @ArchTest
    static final ArchRule ingestKnowsNothingOfClerk = noClasses().that().resideInAPackage("io.ssosync.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ssosync.clerk..", "io.ssosync.sync.dispatch..");

    @ArchTest
    static final ArchRule dispatchCoreIsPlainJava = noClasses().that().resideInAPackage("io.ssosync.sync.dispatch..")
            .and().doNotHaveSimpleName("Dispatcher").and().doNotHaveSimpleName("DispatchWiring")
            .and().doNotHaveSimpleName("DispatchSignal")
            .and().doNotHaveSimpleName("ClerkKeyReadiness").and().doNotHaveSimpleName("CommandListener")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "org.eclipse..",
                    "io.smallrye..")
            .because("the dispatch rules are unit-tested against a fake Clerk gateway without Quarkus;"
                    + " only the classes that start it and wire it are beans");

    @ArchTest
    static final ArchRule clerkIsReachedThroughItsGateway = noClasses().that()
            .resideOutsideOfPackage("io.ssosync.clerk..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.ssosync.clerk.ClerkClient")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.ssosync.clerk.ClerkHttp")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.ssosync.clerk.ClerkRestApi")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.rest.client..",
                    "org.eclipse.microprofile.faulttolerance..")
            .because("Clerk's answers are classified once, in io.ssosync.clerk, into a ClerkOutcome");

    @ArchTest
    static final ArchRule apiNeverCallsClerk = noClasses().that().resideInAPackage("io.ssosync.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ssosync.sync.dispatch..", "io.ssosync.clerk..");
}
