package dev.callbacks.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** Every registered auto-configuration follows the conventions users rely on to replace its beans. */
class AutoConfigurationConventionsTests {

    private final List<Class<?>> autoConfigurations = load();

    @Test
    void everyAutoConfigurationIsRegistered() {
        assertThat(this.autoConfigurations).containsExactly(LangChainCallbacksAutoConfiguration.class,
                LangChainVerboseAutoConfiguration.class, LangChainTracingAutoConfiguration.class,
                LangSmithExportAutoConfiguration.class, LangSmithDistributedTracingAutoConfiguration.class,
                LangChainMetricsAutoConfiguration.class, LangChainObservationAutoConfiguration.class,
                LangChainEndpointAutoConfiguration.class, LangChainHealthAutoConfiguration.class,
                LangChainJacksonAutoConfiguration.class, LangChainSpringAiAutoConfiguration.class,
                LangChainLangChain4jAutoConfiguration.class);
    }

    @Test
    void autoConfigurationsArePublicFinalAndAnnotated() {
        assertThat(this.autoConfigurations).allSatisfy((type) -> {
            assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", type).isTrue();
            assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type).isTrue();
            assertThat(type.isAnnotationPresent(AutoConfiguration.class)).as("%s is @AutoConfiguration", type).isTrue();
        });
    }

    @Test
    void everyBeanMethodIsPackagePrivateAndBacksOff() {
        List<Method> beanMethods = new ArrayList<>();
        for (Class<?> type : this.autoConfigurations) {
            collectBeanMethods(type, beanMethods);
        }
        assertThat(beanMethods).hasSizeGreaterThanOrEqualTo(12).allSatisfy((method) -> {
            int modifiers = method.getModifiers();
            assertThat(Modifier.isPublic(modifiers) || Modifier.isPrivate(modifiers) || Modifier.isProtected(modifiers))
                .as("%s is package-private", method)
                .isFalse();
            assertThat(method.isAnnotationPresent(ConditionalOnMissingBean.class))
                .as("%s is @ConditionalOnMissingBean", method)
                .isTrue();
            assertThat(method.getReturnType().isInterface()).as("%s returns a concrete type", method).isFalse();
        });
    }

    private static void collectBeanMethods(Class<?> type, List<Method> methods) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Bean.class)) {
                methods.add(method);
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            collectBeanMethods(nested, methods);
        }
    }

    private static List<Class<?>> load() {
        List<Class<?>> types = new ArrayList<>();
        for (String name : ImportCandidates.load(AutoConfiguration.class, AutoConfigurationConventionsTests.class
            .getClassLoader())) {
            if (name.startsWith("dev.callbacks.")) {
                try {
                    types.add(Class.forName(name));
                }
                catch (ClassNotFoundException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return types;
    }
}
