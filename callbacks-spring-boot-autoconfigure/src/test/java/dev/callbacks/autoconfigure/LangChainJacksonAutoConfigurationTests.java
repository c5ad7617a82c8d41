package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.json.LangChainJacksonModule;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.log.JsonPatchOp;
import dev.callbacks.core.stream.log.RunLogPatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LangChainJacksonAutoConfigurationTests {

    private static final UUID RUN = UUID.fromString("01900000-0000-7000-8000-000000000001");

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                LangChainJacksonAutoConfiguration.class));

    @Test
    void bootsMapperWritesEventsAndPatchesExactlyAsTheLibraryDoes() {
        AIMessage chunk = AIMessage.of("Hi").withUsage(UsageMetadata.of(3, 1));
        StreamEvent event = new StreamEvent("on_chat_model_end", "model", RUN, List.of(), List.of("t"), Map.of(),
                Map.of("output", chunk));
        RunLogPatch patch = RunLogPatch.of(JsonPatchOp.add("/logs/model/final_output", Map.of("output", chunk)));

        this.contextRunner.run((context) -> {
            JsonMapper boots = context.getBean(JsonMapper.class);
            assertThat(boots.writeValueAsString(event)).isEqualTo(event.toJson());
            assertThat(boots.writeValueAsString(patch)).isEqualTo(LangChainJson.write(patch));
            assertThat(boots.readTree(event.toJson()).at("/data/output/usage_metadata/input_tokens").asInt())
                .isEqualTo(3);
        });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresTheModule() {
        this.contextRunner.withUserConfiguration(OwnModule.class).run((context) -> assertThat(context)
            .getBeans(LangChainJacksonModule.class)
            .containsOnlyKeys("ownModule"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnModule {

        @Bean
        LangChainJacksonModule ownModule() {
            return new LangChainJacksonModule();
        }
    }
}
