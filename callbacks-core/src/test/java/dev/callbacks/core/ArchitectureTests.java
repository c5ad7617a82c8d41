package dev.callbacks.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.callbacks.core.manager.CallbackManager;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layer rules of the design (docs/architecture.md), checked with ArchUnit: core never imports
 * Spring; the schema imports nothing else of the project; the handler SPI (the root package) only
 * the schema; every package depends only on its own layer and those below, except the documented
 * back edges of {@link #BACK_EDGES}; and no public signature outside {@code internal} packages
 * shows an internal type.
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

    /**
     * The layers, bottom first (docs/architecture.md); a package of the project that is in none of
     * them fails {@link #everyPackageBelongsToALayer}. Internal packages sit in the layer they serve.
     */
    private static final Map<String, Integer> LAYERS = layers(
            List.of("schema", "bounds", "json"),                    // 0 values and their one JSON mapping
            List.of(""),                                            // 1 the handler SPI
            List.of("manager", "internal"),                         // 2 callback and run managers, dispatch
            List.of("config"),                                      // 3 RunnableConfig and the ambient context
            List.of("runnables"),                                   // 4 the Runnable protocol
            List.of("prompts", "parsers", "models", "retrievers", "tools", "agents", "bridge"), // 5 components
            List.of("tracers", "handlers"),                         // 6 tracers and the stock handlers
            List.of("stream", "stream.log", "internal.stream"),     // 7 stream events, run-log patches
            List.of("micrometer", "observation", "internal.micrometer", "langsmith")); // 8 integrations

    /**
     * The dependencies that go up a layer, each on purpose: origin class, then the package it may
     * reach above its layer. Every one is listed in docs/architecture.md with its reason.
     */
    private static final Set<String> BACK_EDGES = Set.of(
            // the one JSON mapping also writes the value records of the stream and tracer layers
            "json.LangChainJacksonModule -> stream", "json.LangChainJacksonModule -> stream.log",
            "json.LangChainJacksonModule -> tracers", "json.StreamSerializers -> stream",
            "json.StreamSerializers -> stream.log", "json.RunSerializers -> tracers",
            // configure() adds the langchain.verbose / langchain.debug handlers, as upstream's _configure
            "manager.CallbackManager -> handlers", "manager.GlobalCallbacks -> tracers",
            // dispatchCustomEvent finds the enclosing run through the current RunnableConfig
            "manager.Callbacks -> config",
            // Runnable's streamEvents/streamLog and withListeners entry points
            "runnables.Runnable -> stream", "runnables.Runnable -> tracers", "runnables.RunnableListeners -> tracers");

    private static Map<String, Integer> layers(List<?>... layers) {
        Map<String, Integer> byPackage = new LinkedHashMap<>();
        for (int i = 0; i < layers.length; i++) {
            for (Object name : layers[i]) {
                byPackage.put((String) name, i);
            }
        }
        return byPackage;
    }

    /** The package below {@code dev.callbacks.core}, "" for the root; null outside core. */
    private static String corePackage(JavaClass type) {
        String name = type.getPackageName();
        if (name.equals("dev.callbacks.core")) {
            return "";
        }
        return name.startsWith("dev.callbacks.core.") ? name.substring("dev.callbacks.core.".length()) : null;
    }

    private static String coreName(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return ((nested < 0) ? name : name.substring(0, nested)).substring("dev.callbacks.core.".length());
    }

    @Test
    void everyPackageBelongsToALayer() {
        List<String> unplaced = new ArrayList<>();
        for (JavaClass type : classes) {
            String pkg = corePackage(type);
            if (pkg != null && !LAYERS.containsKey(pkg) && !unplaced.contains(pkg)) {
                unplaced.add(pkg);
            }
        }
        assertThat(unplaced).as("packages missing from LAYERS (and from docs/architecture.md)").isEmpty();
    }

    @Test
    void everyPackageDependsOnlyOnItsLayerAndTheOnesBelowExceptTheDocumentedBackEdges() {
        classes().that().resideInAPackage("dev.callbacks.core..")
            .should(new ArchCondition<JavaClass>("depend only on their own layer and the layers below") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    Integer from = LAYERS.get(corePackage(origin));
                    if (from == null) {
                        return;
                    }
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = dependency.getTargetClass();
                        String targetPackage = corePackage(target);
                        Integer to = (targetPackage != null) ? LAYERS.get(targetPackage) : null;
                        if (to != null && to > from
                                && !BACK_EDGES.contains(coreName(origin) + " -> " + targetPackage)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                    + " goes up from layer " + from + " to layer " + to));
                        }
                    }
                }
            })
            .because("the packages read as the architecture; a new upward edge is a design change: document "
                    + "it in docs/architecture.md and BACK_EDGES, or move the code")
            .check(classes);
    }

    @Test
    void theHandlerSpiDependsOnlyOnTheSchema() {
        classes().that().resideInAPackage("dev.callbacks.core")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.callbacks.core", "dev.callbacks.core.schema..", "java..", "org.jspecify..")
            .because("handlers implement the SPI without pulling in managers, runnables or libraries")
            .check(classes);
    }

    @Test
    void internalPackagesAreUsedOnlyByTheLayersTheyServe() {
        noClasses().that()
            .resideOutsideOfPackages("dev.callbacks.core.stream..", "dev.callbacks.core.internal.stream..")
            .should().dependOnClassesThat().resideInAPackage("dev.callbacks.core.internal.stream..")
            .because("the channel plumbing is the implementation of the two streams")
            .check(classes);
        noClasses().that()
            .resideOutsideOfPackages("dev.callbacks.core.micrometer..", "dev.callbacks.core.observation..",
                    "dev.callbacks.core.internal.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("dev.callbacks.core.internal.micrometer..")
            .because("the shared Micrometer helpers serve the meters and the observations only")
            .check(classes);
        noClasses().that()
            .resideOutsideOfPackage("dev.callbacks.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.callbacks.core.internal..")
            .because("dev.callbacks.core.internal carries no API promise")
            .allowEmptyShould(true)
            .check(classes);
    }

    @Test
    void publicSignaturesOutsideInternalShowNoInternalType() {
        classes().that().resideInAPackage("dev.callbacks.core..").and().resideOutsideOfPackage("..internal..")
            .and().arePublic()
            .should(new ArchCondition<JavaClass>("show no internal type in a public or protected signature") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (JavaCodeUnit member : type.getCodeUnits()) {
                        if (exposed(member.getModifiers())) {
                            List<JavaClass> shown = new ArrayList<>(member.getRawParameterTypes());
                            shown.add(member.getRawReturnType());
                            for (JavaClass shownType : shown) {
                                report(events, type, member.getFullName(), shownType);
                            }
                        }
                    }
                    for (JavaField field : type.getFields()) {
                        if (exposed(field.getModifiers())) {
                            report(events, type, field.getFullName(), field.getRawType());
                        }
                    }
                    type.getRawSuperclass().ifPresent((superclass) -> report(events, type, "superclass", superclass));
                    for (JavaClass implemented : type.getRawInterfaces()) {
                        report(events, type, "interface", implemented);
                    }
                }

                private boolean exposed(Set<JavaModifier> modifiers) {
                    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
                }

                private void report(ConditionEvents events, JavaClass type, String where, JavaClass shown) {
                    JavaClass base = shown.isArray() ? shown.getBaseComponentType() : shown;
                    if (base.getPackageName().startsWith("dev.callbacks.core.internal")) {
                        events.add(SimpleConditionEvent.violated(type, where + " shows " + base.getName()));
                    }
                }
            })
            .because("public API never points at internal types, which carry no compatibility promise")
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
