package dev.callbacks.core.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaseToolTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    record PlaceArgs(@ToolParam("the place to look in") String place, @Nullable Integer limit,
            Optional<Boolean> verbose) {
    }

    private final BaseTool getItems = Tools.of("get_items", "Use this tool to look up which items are in the given place.",
            PlaceArgs.class, (args, config) -> args.place().contains("shelf") ? "books, pencils and pictures"
                    : "cat snacks (limit " + args.limit() + ", verbose " + args.verbose().orElse(false) + ")");

    private RunnableConfig config() {
        return RunnableConfig.builder().callbacks(this.recorder).build();
    }

    @Test
    void aToolInsideASequenceIsAChildToolRunWithItsInputAsJsonAndAMap() {
        List<Map<String, Object>> inputs = new ArrayList<>();
        CallbackHandler capture = new CallbackHandler() {
            @Override
            public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> toolInputs) {
                inputs.add(toolInputs);
            }
        };
        Runnable<String, Object> chain = RunnableLambda.of("prepare", (String place) -> Map.<String, Object>of("place", place))
            .pipe(this.getItems);

        Object output = chain.invoke("shelf", RunnableConfig.builder().callbacks(this.recorder, capture).build());

        assertThat(output).isEqualTo("books, pencils and pictures");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart prepare",
                "onChainEnd prepare", "onToolStart get_items", "onToolEnd get_items", "onChainEnd RunnableSequence");
        List<RecordedEvent> events = this.recorder.events();
        RecordedEvent toolStart = events.get(3);
        assertThat(toolStart.runType()).isEqualTo(RunType.TOOL);
        assertThat(toolStart.parentRunId()).isEqualTo(events.get(0).runId());
        assertThat(toolStart.tags()).containsExactly("seq:step:2");
        assertThat(toolStart.payload()).isEqualTo("{\"place\":\"shelf\"}");
        assertThat(inputs).containsExactly(Map.of("place", "shelf"));
        assertThat(events.get(4).runId()).isEqualTo(toolStart.runId());
        assertThat(events.get(4).payload()).isEqualTo("books, pencils and pictures");
        this.recorder.assertComplete();
    }

    @Test
    void aFailingToolReportsTheErrorAndRethrowsItUnchanged() {
        IllegalStateException boom = new IllegalStateException("the cat knocked it over");
        BaseTool failing = Tools.of("fragile", "Always breaks.", (args) -> {
            throw boom;
        });

        assertThatThrownBy(() -> failing.invoke(Map.of(), config())).isSameAs(boom);

        assertThat(this.recorder.briefs()).containsExactly("onToolStart fragile", "onToolError fragile");
        assertThat(this.recorder.events(CallbackEvent.TOOL_ERROR).get(0).payload()).isSameAs(boom);
        this.recorder.assertComplete();
    }

    @Test
    void badArgumentsForARecordSchemaFailTheToolRunWithAClearMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.getItems.invoke(Map.of("place", 3), config()))
            .withMessage("Tool 'get_items' argument 'place' must be a string, got Integer 3");
        assertThatIllegalArgumentException().isThrownBy(() -> this.getItems.invoke(Map.of("limit", 2), config()))
            .withMessage("Tool 'get_items' is missing required argument 'place' (string: the place to look in); "
                    + "it got [limit]. Pass it in the arguments map.");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.getItems.invoke(Map.of("place", "bed", "limit", 2.5), config()))
            .withMessage("Tool 'get_items' argument 'limit' must be an integer, got Double 2.5");
        assertThat(this.recorder.briefs()).containsExactly("onToolStart get_items", "onToolError get_items",
                "onToolStart get_items", "onToolError get_items", "onToolStart get_items", "onToolError get_items");
        this.recorder.assertComplete();
    }

    @Test
    void argumentsAreConvertedToTheRecordIncludingOptionalOnes() {
        assertThat(this.getItems.invoke(Map.of("place", "bed", "limit", 3L, "verbose", true)))
            .isEqualTo("cat snacks (limit 3, verbose true)");
        assertThat(this.getItems.invoke(Map.of("place", "bed"))).isEqualTo("cat snacks (limit null, verbose false)");
        assertThat(this.getItems.invoke("bed")).isEqualTo("cat snacks (limit null, verbose false)");
    }

    @Test
    void aToolCallInputIsAnsweredWithAToolMessage() {
        Object answer = this.getItems.invoke(ToolCall.of("call_7", "get_items", Map.of("place", "shelf")), config());

        assertThat(answer).isEqualTo(new ToolMessage("books, pencils and pictures", "call_7", "get_items"));
        assertThat(this.recorder.events(CallbackEvent.TOOL_END).get(0).payload()).isEqualTo(answer);
    }

    @Test
    void runnablesTheToolCallsWithoutItsConfigNestUnderTheToolRun() {
        Runnable<String, String> inner = RunnableLambda.of("inner", (String s) -> s.toUpperCase());
        BaseTool shout = Tools.of("shout", "Shouts the input.", (args) -> inner.invoke((String) args.get("input")));

        assertThat(shout.invoke("hello", config())).isEqualTo("HELLO");

        List<RecordedEvent> events = this.recorder.events();
        assertThat(this.recorder.briefs()).containsExactly("onToolStart shout", "onChainStart inner", "onChainEnd inner",
                "onToolEnd shout");
        assertThat(events.get(0).payload()).isEqualTo("hello");
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
        this.recorder.assertComplete();
    }

    @Test
    void toolsNeedANameADescriptionAndASupportedInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> Tools.of(" ", "d", (args) -> "x"))
            .withMessage("a tool needs a non-blank name (the name the model calls it by)");
        assertThatIllegalArgumentException().isThrownBy(() -> Tools.of("t", "", (args) -> "x"))
            .withMessageStartingWith("tool 't' needs a non-blank description");
        assertThatIllegalArgumentException().isThrownBy(() -> this.getItems.invoke(42, config()))
            .withMessage("Tool 'get_items' takes a String, a Map of arguments or a ToolCall, got java.lang.Integer");
        assertThat(this.recorder.briefs()).containsExactly("onToolStart get_items", "onToolError get_items");
    }

    @Test
    void aNullOutputIsReportedAndReturnedAsTheEmptyString() {
        BaseTool quiet = Tools.of("quiet", "Returns nothing.", (args) -> null);

        assertThat(quiet.invoke(Map.of(), config())).isEqualTo("");
        assertThat(this.recorder.events(CallbackEvent.TOOL_END).get(0).payload()).isEqualTo("");
    }
}
