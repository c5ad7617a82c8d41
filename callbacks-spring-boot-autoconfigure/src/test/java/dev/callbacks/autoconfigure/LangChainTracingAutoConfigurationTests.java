package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunExporter;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LangChainTracingAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(
            LangChainTracingAutoConfiguration.class);

    @Test
    void enabledTracingRecordsRunTreesInMemory() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true", "langchain.tracing.project=shop")
            .run((context) -> {
                LangChainTracer tracer = context.getBean(LangChainTracer.class);
                InMemoryRunStore store = context.getBean(InMemoryRunStore.class);
                assertThat(tracer.projectName()).isEqualTo("shop");
                assertThat(tracer.exporter()).isSameAs(store);
                assertThat(store.capacity()).isEqualTo(100);
                assertThat(context.getBean(CallbackScope.class).handlers()).contains(tracer);

                RunnableLambda.of("shout", (String s) -> s.toUpperCase())
                    .pipe(RunnableLambda.of("exclaim", (String s) -> s + "!"))
                    .invoke("hi");

                assertThat(store.runs()).hasSize(1);
                RunSnapshot root = store.runs().get(0);
                assertThat(root.status()).isEqualTo("success");
                assertThat(root.sessionName()).isEqualTo("shop");
                assertThat(root.childRuns()).extracting(RunSnapshot::name).containsExactly("shout", "exclaim");
            });
    }

    @Test
    void storeKeepsMaxRunsAndCountsEvictions() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true", "langchain.tracing.max-runs=2")
            .run((context) -> {
                InMemoryRunStore store = context.getBean(InMemoryRunStore.class);
                for (String name : List.of("first", "second", "third")) {
                    RunnableLambda.of(name, (String s) -> s).invoke("x");
                }
                assertThat(store.capacity()).isEqualTo(2);
                assertThat(store.runs()).extracting(RunSnapshot::name).containsExactly("third", "second");
                assertThat(store.evictionCount()).isEqualTo(1);
            });
    }

    @Test
    void tracerLeavesTheGlobalHandlersOnClose() {
        List<LangChainTracer> tracers = new CopyOnWriteArrayList<>();
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true")
            .run((context) -> tracers.add(context.getBean(LangChainTracer.class)));
        assertThat(CallbackScope.current().handlers()).doesNotContain(tracers.get(0));
    }

    @Test
    void userStoreAndTracerBackOffTheDefaults() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true")
            .withUserConfiguration(CustomTracingConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(InMemoryRunStore.class).hasSingleBean(LangChainTracer.class);
                assertThat(context.getBean(InMemoryRunStore.class).capacity()).isEqualTo(3);
                assertThat(context.getBean(LangChainTracer.class).projectName()).isEqualTo("custom");
            });
    }

    @Test
    void everyRunExporterBeanReceivesTheRuns() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true")
            .withUserConfiguration(ExtraExporterConfiguration.class)
            .run((context) -> {
                RunnableLambda.of("exported", (String s) -> s).invoke("x");
                assertThat(context.getBean(NameCollector.class).finished).containsExactly("exported");
                assertThat(context.getBean(InMemoryRunStore.class).runs()).extracting(RunSnapshot::name)
                    .containsExactly("exported");
            });
    }

    @Test
    void configuredApiKeyIsReportedButNeverLogged(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("langchain.tracing.enabled=true", "langchain.tracing.api-key=lsv2_pt_topsecret")
            .run((context) -> assertThat(context).hasSingleBean(LangChainTracer.class));
        assertThat(output).contains("Runs of project 'default' are kept in memory only "
                + "(langchain.tracing.export.enabled=false)")
            .doesNotContain("lsv2_pt_topsecret");
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomTracingConfiguration {

        @Bean
        InMemoryRunStore customStore() {
            return new InMemoryRunStore(3);
        }

        @Bean
        LangChainTracer customTracer(InMemoryRunStore store) {
            return LangChainTracer.builder(store).projectName("custom").build();
        }
    }

    static class NameCollector implements RunExporter {

        final List<String> finished = new CopyOnWriteArrayList<>();

        @Override
        public void exportFinished(Run run) {
            this.finished.add(run.name());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ExtraExporterConfiguration {

        @Bean
        NameCollector nameCollector() {
            return new NameCollector();
        }
    }
}
