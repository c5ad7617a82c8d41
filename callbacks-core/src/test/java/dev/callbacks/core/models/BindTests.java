package dev.callbacks.core.models;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link BaseChatModel#bind}: bound stop sequences and kwargs reach the run (issue 12, section 7). */
class BindTests {

    private final List<Map<String, Object>> params = new CopyOnWriteArrayList<>();

    private final List<Map<String, Object>> metadata = new CopyOnWriteArrayList<>();

    private final CallbackHandler handler = new CallbackHandler() {
        @Override
        public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
                Map<String, Object> invocationParams) {
            BindTests.this.params.add(invocationParams);
            BindTests.this.metadata.add(run.metadata());
        }
    };

    @Test
    void boundStopAndKwargsReachTheInvocationParamsAndLsStopWhenInvokedAndStreamed() {
        FakeChatModel model = FakeChatModel.builder().response("hello there").modelName("fake").cycle(true).build();
        Runnable<Object, BaseMessage> bound = model.bind(List.of("\n"), Map.of("max_tokens", 5));
        RunnableConfig config = RunnableConfig.builder().callbacks(this.handler).build();

        assertThat(bound.invoke("hi", config).content()).isEqualTo("hello there");
        try (Stream<BaseMessage> chunks = bound.stream("hi", config)) {
            assertThat(chunks.count()).isPositive();
        }

        assertThat(this.params).hasSize(2).allSatisfy((p) -> assertThat(p)
            .containsEntry("stop", List.of("\n")).containsEntry("max_tokens", 5).containsEntry("model_name", "fake"));
        assertThat(this.metadata).hasSize(2)
            .allSatisfy((m) -> assertThat(m).containsEntry("ls_stop", List.of("\n")));
        assertThat(bound.getName()).isEqualTo(model.getName());
    }

    @Test
    void anUnboundModelReportsNoStop() {
        FakeChatModel model = FakeChatModel.builder().response("x").build();

        model.invoke("hi", RunnableConfig.builder().callbacks(this.handler).build());

        assertThat(this.params.get(0)).doesNotContainKeys("stop", "max_tokens");
        assertThat(this.metadata.get(0)).doesNotContainKey("ls_stop");
    }

    @Test
    void stopInsideKwargsIsRejectedWithTheFix() {
        FakeChatModel model = FakeChatModel.builder().response("x").build();

        assertThatIllegalArgumentException().isThrownBy(() -> model.bind(List.of(), Map.of("stop", List.of("x"))))
            .withMessageContaining("bind's stop argument");
    }

    @Test
    void anLlmBoundWithStopAndKwargsReportsThemWhenInvokedAndStreamed() {
        List<Map<String, Object>> llmParams = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> llmMetadata = new CopyOnWriteArrayList<>();
        CallbackHandler llmHandler = new CallbackHandler() {
            @Override
            public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                    Map<String, Object> invocationParams) {
                llmParams.add(invocationParams);
                llmMetadata.add(run.metadata());
            }
        };
        Runnable<Object, String> bound = FakeListLlm.of("bear dog").bind(List.of("END"), Map.of("top_p", 0.9));
        RunnableConfig config = RunnableConfig.builder().callbacks(llmHandler).build();

        assertThat(bound.invoke("q", config)).isEqualTo("bear dog");
        try (Stream<String> chunks = bound.stream("q", config)) {
            assertThat(String.join("", chunks.toList())).isEqualTo("bear dog");
        }

        assertThat(llmParams).hasSize(2).allSatisfy((p) -> assertThat(p)
            .containsEntry("stop", List.of("END")).containsEntry("top_p", 0.9));
        assertThat(llmMetadata).hasSize(2).allSatisfy((m) -> assertThat(m).containsEntry("ls_stop", List.of("END")));
    }
}
