package dev.callbacks.core.stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Jackson is an optional dependency of the core module: in this package only
 * {@link StreamEventJson} may touch it, and only {@link StreamEvent#toJson()} (which falls back
 * to the core's own writer when Jackson is absent) may load that class, so streaming events
 * never needs Jackson.
 */
class JacksonIsolationTests {

    /** StreamEventJson and its nested classes. */
    private static final String JSON_CLASSES = "dev\\.callbacks\\.core\\.stream\\.StreamEventJson(\\$.*)?";

    private final JavaClasses mainClasses = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.callbacks.core");

    @Test
    void onlyStreamEventJsonDependsOnJackson() {
        noClasses().that().resideInAPackage("dev.callbacks.core.stream..")
            .and().haveNameNotMatching(JSON_CLASSES)
            .should().dependOnClassesThat().resideInAPackage("tools.jackson..")
            .check(this.mainClasses);
    }

    @Test
    void onlyStreamEventLoadsStreamEventJson() {
        noClasses().that().haveNameNotMatching(JSON_CLASSES)
            .and().doNotHaveFullyQualifiedName(StreamEvent.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName(StreamEventJson.class.getName())
            .check(this.mainClasses);
    }
}
