package dev.callbacks.demo;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The demo is written the way an application would be: it uses the starter's public API only,
 * never the core's {@code internal} packages or the auto-configuration's implementation classes.
 */
class DemoArchitectureTests {

    private final JavaClasses demo = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.callbacks.demo");

    @Test
    void usesNoInternalPackages() {
        noClasses().should()
            .dependOnClassesThat()
            .resideInAPackage("dev.callbacks.core.internal..")
            .because("internal packages carry no API promise")
            .check(this.demo);
    }

    @Test
    void doesNotWireTheStarterByHand() {
        noClasses().should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.callbacks.autoconfigure..", "dev.callbacks.actuate..")
            .because("the starter wires itself; the demo only declares beans and properties")
            .check(this.demo);
    }
}
