package dev.callbacks.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.callbacks.core.manager.CallbackManager;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layer rules of the design, checked with ArchUnit: core never imports Spring, the schema
 * imports nothing else of the project, and the internal package is core's own. The last rule is
 * vacuous while only core is on this classpath; it is kept so that it bites as soon as classes of
 * a module depending on core are analysed with it.
 *
 * <p>The classes are imported once, without resolving the libraries they reference from the
 * classpath: the rules only look at the names of dependencies, and resolving them would make
 * this the slowest test of the module.
 */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        Logger archUnitLogger = (Logger) LoggerFactory.getLogger("com.tngtech.archunit");
        Level previousLevel = archUnitLogger.getLevel();
        archUnitLogger.setLevel(Level.INFO);
        ArchConfiguration configuration = ArchConfiguration.get();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.callbacks");
        }
        finally {
            configuration.reset();
            archUnitLogger.setLevel(previousLevel);
        }
    }

    @Test
    void importSeesTheProductionClasses() {
        assertThat(classes.contain(CallbackManager.class)).isTrue();
        assertThat(classes.contain(dev.callbacks.core.schema.LLMResult.class)).isTrue();
        assertThat(classes.contain(ArchitectureTests.class)).as("test classes are left out").isFalse();
    }

    @Test
    void coreDoesNotDependOnSpring() {
        noClasses().that()
            .resideInAPackage("dev.callbacks.core..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("callbacks-core must work without Spring; only the autoconfigure module wires it into Boot")
            .check(classes);
    }

    @Test
    void coreDoesNotDependOnTheSpringModules() {
        noClasses().that()
            .resideInAPackage("dev.callbacks.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.callbacks.autoconfigure..", "dev.callbacks.actuate..")
            .because("the Spring modules depend on core, never the other way round")
            .check(classes);
    }

    @Test
    void schemaDependsOnNothingElseOfTheProject() {
        noClasses().that()
            .resideInAPackage("dev.callbacks.core.schema..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("dev.callbacks..").and(not(resideInAPackage("dev.callbacks.core.schema.."))))
            .because("the schema is the bottom layer: plain values that every other package may use")
            .check(classes);
    }

    @Test
    void internalIsOnlyUsedInsideCore() {
        noClasses().that()
            .resideOutsideOfPackage("dev.callbacks.core..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.callbacks.core.internal..")
            .because("dev.callbacks.core.internal carries no API promise")
            .allowEmptyShould(true)
            .check(classes);
    }

    @Test
    void jsonIsWrittenOnlyByTheOneMapping() {
        noClasses().that()
            .resideOutsideOfPackage("dev.callbacks.core.json..")
            .should()
            .dependOnClassesThat()
            .haveNameMatching("tools\\.jackson\\.databind\\.(ValueSerializer|SerializationContext|module\\..*)")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("tools.jackson.core.JsonGenerator")
            .because("one Jackson module writes every value (LangChainJacksonModule); other packages call "
                    + "LangChainJson or StreamEvent.toJson()")
            .check(classes);
    }
}
