package dev.callbacks.core.micrometer;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * micrometer-core (and the micrometer-observation it brings) are optional dependencies of the core
 * module: only this package may touch them, and nothing outside this package may use this
 * package, or Micrometer would be loaded with it. Context propagation ({@code io.micrometer.context})
 * is a separate optional library, used outside this package on purpose, and is not covered here.
 */
class MicrometerIsolationTests {

    private static final JavaClasses mainClasses = importMainClasses();

    private static JavaClasses importMainClasses() {
        JavaClasses[] imported = new JavaClasses[1];
        // The rules only need the names of referenced classes, not their contents: skip resolving
        // the whole class path, which would make the import many times slower.
        ArchConfiguration.withThreadLocalScope((configuration) -> {
            configuration.setResolveMissingDependenciesFromClassPath(false);
            imported[0] = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.callbacks.core");
        });
        return imported[0];
    }

    @Test
    void onlyTheMicrometerPackageDependsOnMicrometerCore() {
        noClasses().that().resideOutsideOfPackage("dev.callbacks.core.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer.core..")
            .check(mainClasses);
    }

    @Test
    void onlyTheMicrometerPackageDependsOnTheObservationApi() {
        noClasses().that().resideOutsideOfPackage("dev.callbacks.core.micrometer..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer.observation..", "io.micrometer.common..")
            .check(mainClasses);
    }

    @Test
    void nothingOutsideTheMicrometerPackageDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("dev.callbacks.core.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("dev.callbacks.core.micrometer..")
            .check(mainClasses);
    }
}
