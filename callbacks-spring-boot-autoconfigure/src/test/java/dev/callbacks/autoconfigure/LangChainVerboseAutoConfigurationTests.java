package dev.callbacks.autoconfigure;

import dev.callbacks.core.handlers.LoggingCallbackHandler;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.tracers.ConsoleCallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LangChainVerboseAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(
            LangChainVerboseAutoConfiguration.class);

    @Test
    void verboseLogsTheFamiliarLinesThroughTheVerboseLogger(CapturedOutput output) {
        this.contextRunner.withPropertyValues("langchain.verbose=true").run((context) -> {
            LoggingCallbackHandler handler = context.getBean(LoggingCallbackHandler.class);
            assertThat(handler.logger().getName()).isEqualTo("dev.callbacks.verbose");
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(handler);

            RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");
        });
        // Whatever the log pattern, both lines come from the verbose logger.
        assertThat(output.getAll().lines().filter((line) -> line.contains("dev.callbacks.verbose")))
            .anyMatch((line) -> line.endsWith("> Entering new shout chain..."))
            .anyMatch((line) -> line.endsWith("> Finished chain."));
    }

    @Test
    void debugPrintsEveryRunToTheConsoleAndReplacesVerbose(CapturedOutput output) {
        this.contextRunner.withPropertyValues("langchain.debug=true", "langchain.verbose=true").run((context) -> {
            ConsoleCallbackHandler console = context.getBean(ConsoleCallbackHandler.class);
            assertThat(context).doesNotHaveBean(LoggingCallbackHandler.class);
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(console);

            RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");
        });
        assertThat(output).contains("[chain/start]").contains("Entering Chain run with input:")
            .contains("[chain/end]").contains("\"HI\"")
            .doesNotContain("> Entering new shout chain...");
        assertThat(GlobalCallbacks.isDebug()).isFalse();
    }

    @Test
    void outputHandlersLeaveWhenTheContextCloses(CapturedOutput output) {
        this.contextRunner.withPropertyValues("langchain.verbose=true").run((context) -> {
        });
        RunnableLambda.of("after", (String s) -> s).invoke("x");
        assertThat(output).doesNotContain("> Entering new after chain...");
    }

    @Test
    void userHandlersBackOffTheDefaults() {
        this.contextRunner.withUserConfiguration(CustomHandlersConfiguration.class)
            .withPropertyValues("langchain.verbose=true", "langchain.debug=true")
            .run((context) -> {
                assertThat(context).hasSingleBean(LoggingCallbackHandler.class).hasSingleBean(ConsoleCallbackHandler.class);
                assertThat(context.getBean(LoggingCallbackHandler.class).logger().getName()).isEqualTo("my.chains");
                assertThat(context).hasBean("myConsole");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomHandlersConfiguration {

        @Bean
        LoggingCallbackHandler myLogging() {
            return new LoggingCallbackHandler("my.chains");
        }

        @Bean
        ConsoleCallbackHandler myConsole() {
            return new ConsoleCallbackHandler((line) -> {
            });
        }
    }
}
