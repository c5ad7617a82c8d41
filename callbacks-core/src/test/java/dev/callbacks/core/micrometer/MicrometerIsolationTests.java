package dev.callbacks.core.micrometer;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * micrometer-core (and the micrometer-observation it brings) are optional dependencies of the core
 * module: only the meters ({@code micrometer}), the observations ({@code observation}) and their
 * shared internals ({@code internal.micrometer}) may touch them, the meters never need the
 * Observation API, and nothing else may use these packages, or Micrometer would be loaded with it.
 * Context propagation ({@code io.micrometer.context}) is a separate optional library, used outside
 * these packages on purpose, and is not covered here.
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
    void onlyTheMicrometerPackagesDependOnMicrometerCore() {
        noClasses().that().resideOutsideOfPackages("dev.callbacks.core.micrometer..", "dev.callbacks.core.internal.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer.core..")
            .check(mainClasses);
    }

    @Test
    void onlyTheObservationPackageDependsOnTheObservationApi() {
        noClasses().that().resideOutsideOfPackage("dev.callbacks.core.observation..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer.observation..", "io.micrometer.common..")
            .check(mainClasses);
    }

    @Test
    void nothingOutsideTheMicrometerPackagesDependsOnThem() {
        noClasses().that().resideOutsideOfPackages("dev.callbacks.core.micrometer..", "dev.callbacks.core.observation..",
                "dev.callbacks.core.internal.micrometer..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.callbacks.core.micrometer..",
                    "dev.callbacks.core.observation..", "dev.callbacks.core.internal.micrometer..")
            .check(mainClasses);
    }

    @Test
    void theMetersDoNotDependOnTheObservations() {
        noClasses().that().resideInAPackage("dev.callbacks.core.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("dev.callbacks.core.observation..")
            .check(mainClasses);
    }
}
