package cn.fengtai.pool.standalone;

import cn.fengtai.pool.command.refusal.Refusal;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries of the README, enforced. */
@AnalyzeClasses(packages = "cn.fengtai.pool", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule queryNeverImportsCommand = noClasses().that().resideInAPackage("cn.fengtai.pool.query..")
            .should().dependOnClassesThat().resideInAPackage("cn.fengtai.pool.command..");

    @ArchTest
    static final ArchRule commandNeverImportsQuery = noClasses().that().resideInAPackage("cn.fengtai.pool.command..")
            .should().dependOnClassesThat().resideInAPackage("cn.fengtai.pool.query..");

    @ArchTest
    static final ArchRule neitherSideImportsTheLauncher = noClasses()
            .that().resideInAnyPackage("cn.fengtai.pool.command..", "cn.fengtai.pool.query..", "cn.fengtai.pool.events..",
                    "cn.fengtai.pool.wiring..")
            .should().dependOnClassesThat().resideInAPackage("cn.fengtai.pool.standalone..");

    @ArchTest
    static final ArchRule eventsDependOnNoSide = noClasses().that().resideInAPackage("cn.fengtai.pool.events..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.fengtai.pool.command..", "cn.fengtai.pool.query..",
                    "cn.fengtai.pool.wiring..", "org.springframework..", "jakarta..");

    /** The server's shared wiring serves both sides and knows neither. */
    @ArchTest
    static final ArchRule wiringDependsOnNoSide = noClasses().that().resideInAPackage("cn.fengtai.pool.wiring..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.fengtai.pool.command..", "cn.fengtai.pool.query..");

    /**
     * Aggregates hold the rules: plain Java, the events, Axon's modelling annotations and its message metadata (where
     * the actor travels); no web, security or database code.
     */
    @ArchTest
    static final ArchRule aggregatesAreFreeOfInfrastructure = classes().that().areAnnotatedWith(Aggregate.class)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "cn.fengtai.pool..",
                    "org.axonframework.modelling..", "org.axonframework.commandhandling..",
                    "org.axonframework.eventsourcing..", "org.axonframework.spring.stereotype..",
                    "org.axonframework.messaging");

    @ArchTest
    static final ArchRule refusalsArePlainJava = classes().that().areAssignableTo(Refusal.class)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "cn.fengtai.pool..");

    /** No reaching into a library's internals: nothing made accessible that its authors kept private. */
    @ArchTest
    static final ArchRule noReflectionIntoInternals = noClasses().that().resideInAPackage("cn.fengtai.pool..")
            .should().callMethod(java.lang.reflect.AccessibleObject.class, "setAccessible", boolean.class);

    /** Packages by capability, none depending on itself through another: each side's packages form no cycle. */
    @ArchTest
    static final ArchRule commandPackagesFormNoCycle = slices().matching("cn.fengtai.pool.command.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule queryPackagesFormNoCycle = slices().matching("cn.fengtai.pool.query.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule eventPackagesFormNoCycle = slices().matching("cn.fengtai.pool.events.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule aggregatesLiveInTheCommandSide = classes().that().areAnnotatedWith(Aggregate.class)
            .should().resideInAPackage("cn.fengtai.pool.command..");
}
