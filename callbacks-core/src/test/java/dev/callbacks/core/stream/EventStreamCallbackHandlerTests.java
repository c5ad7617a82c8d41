package dev.callbacks.core.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.RunType;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.TextGeneration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler on its own, driven through callback managers as models, tools and retrievers drive it. */
class EventStreamCallbackHandlerTests {

    private final List<StreamEvent> events = new ArrayList<>();

    private final EventStreamCallbackHandler handler = new EventStreamCallbackHandler(EventFilter.all(),
            this.events::add);

    private final CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));

    private List<String> briefs() {
        return StreamEventsTests.briefs(this.events);
    }

    private static List<String> drain(Iterator<String> iterator) {
        List<String> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }

    @Test
    void aChatModelRunReportsItsMessagesTokensAndFirstMessage() {
        List<List<BaseMessage>> messages = List.of(List.of(new HumanMessage("hi")));
        CallbackManagerForLlmRun run = this.manager.onChatModelStart(Serialized.of("FakeChat"), messages).get(0);
        run.onLlmNewToken("Hel", ChatGenerationChunk.of("Hel"));
        run.onLlmNewToken("lo");
        AIMessage reply = AIMessage.of("Hello");
        run.onLlmEnd(new LLMResult(List.of(List.of(new ChatGeneration(reply, Map.of()))), Map.of()));

        assertThat(briefs()).containsExactly("on_chat_model_start FakeChat", "on_chat_model_stream FakeChat",
                "on_chat_model_stream FakeChat", "on_chat_model_end FakeChat");
        assertThat(this.events.get(0).data()).isEqualTo(Map.of("input", Map.of("messages", messages)));
        assertThat(this.events.get(1).chunk()).contains(AIMessageChunk.of("Hel"));
        assertThat(this.events.get(2).chunk()).contains(AIMessageChunk.of("lo"));
        assertThat(this.events.get(3).data()).isEqualTo(Map.of("output", reply, "input", Map.of("messages",
                messages)));
    }

    @Test
    void tokensOfATappedRunAreLeftToTheTap() {
        CallbackManagerForLlmRun run = this.manager
            .onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(new HumanMessage("hi"))))
            .get(0);
        Iterator<AIMessageChunk> tapped = this.handler.tapOutputIterator(run.runId(),
                List.of(AIMessageChunk.of("A"), AIMessageChunk.of("B")).iterator());
        List<AIMessageChunk> passed = new ArrayList<>();
        while (tapped.hasNext()) {
            AIMessageChunk chunk = tapped.next();
            run.onLlmNewToken(chunk.content(), ChatGenerationChunk.of(chunk));
            passed.add(chunk);
        }
        run.onLlmEnd(LLMResult.of(ChatGenerationChunk.of(AIMessageChunk.of("AB"))));

        assertThat(passed).containsExactly(AIMessageChunk.of("A"), AIMessageChunk.of("B"));
        assertThat(briefs()).containsExactly("on_chat_model_start FakeChat", "on_chat_model_stream FakeChat",
                "on_chat_model_stream FakeChat", "on_chat_model_end FakeChat");
        assertThat(this.events.get(3).output()).contains(AIMessageChunk.of("AB"));
    }

    @Test
    void onlyTheFirstTapOfARunEmitsAndARunThatEndedGetsNone() {
        CallbackManagerForChainRun run = this.manager.onChainStart(Serialized.of("chain"), ChainInputs.UNKNOWN);
        Iterator<String> outer = this.handler.tapOutputIterator(run.runId(),
                this.handler.tapOutputIterator(run.runId(), List.of("a", "b").iterator()));
        assertThat(drain(outer)).containsExactly("a", "b");
        run.onChainEnd("ab", "in");
        Iterator<String> late = this.handler.tapOutputIterator(run.runId(), List.of("c").iterator());
        assertThat(drain(late)).containsExactly("c");

        assertThat(briefs()).containsExactly("on_chain_start chain", "on_chain_stream chain", "on_chain_stream chain",
                "on_chain_end chain");
        assertThat(this.events.get(0).data()).isEqualTo(Map.of());
        assertThat(this.events.get(3).data()).isEqualTo(Map.of("output", "ab", "input", "in"));
    }

    @Test
    void anLlmRunReportsPromptsAndGenerationMaps() {
        CallbackManagerForLlmRun run = this.manager.onLlmStart(Serialized.of("FakeLlm"), List.of("say hi")).get(0);
        run.onLlmNewToken("hi");
        run.onLlmEnd(new LLMResult(List.of(List.of(TextGeneration.of("hi"))), Map.of("model_name", "fake")));

        assertThat(briefs()).containsExactly("on_llm_start FakeLlm", "on_llm_stream FakeLlm", "on_llm_end FakeLlm");
        assertThat(this.events.get(0).input()).contains(Map.of("prompts", List.of("say hi")));
        assertThat(this.events.get(1).chunk()).contains(GenerationChunk.of("hi"));
        Map<String, Object> generation = new java.util.LinkedHashMap<>();
        generation.put("text", "hi");
        generation.put("generation_info", null);
        generation.put("type", "Generation");
        assertThat(this.events.get(2).output()).contains(Map.of("generations", List.of(List.of(generation)),
                "llm_output", Map.of("model_name", "fake")));
        assertThat(this.events.get(2).toJson()).contains("\"generation_info\":null");
    }

    @Test
    void toolsReportTheirInputsOutputsAndErrors() {
        CallbackManagerForToolRun ok = this.manager.onToolStart(Serialized.of("get_items"), "{'place': 'shelf'}",
                Map.of("place", "shelf"), null, null);
        ok.onToolEnd("books");
        IllegalStateException boom = new IllegalStateException("boom");
        CallbackManagerForToolRun failing = this.manager.onToolStart(Serialized.of("where_cat_is_hiding"), "");
        failing.onToolError(boom);

        assertThat(briefs()).containsExactly("on_tool_start get_items", "on_tool_end get_items",
                "on_tool_start where_cat_is_hiding", "on_tool_error where_cat_is_hiding");
        assertThat(this.events.get(0).data()).isEqualTo(Map.of("input", Map.of("place", "shelf")));
        assertThat(this.events.get(1).data()).isEqualTo(Map.of("output", "books", "input", Map.of("place", "shelf")));
        assertThat(this.events.get(2).data()).isEqualTo(Map.of("input", Map.of()));
        assertThat(this.events.get(3).data()).isEqualTo(Map.of("error", boom, "input", Map.of()));
    }

    @Test
    void retrieversReportTheQueryAndTheDocuments() {
        CallbackManagerForRetrieverRun run = this.manager.onRetrieverStart(Serialized.EMPTY, "cats");
        List<Document> documents = List.of(new Document("1", "cats hide", Map.of()));
        run.onRetrieverEnd(documents);

        assertThat(briefs()).containsExactly("on_retriever_start Retriever", "on_retriever_end Retriever");
        assertThat(this.events.get(1).data()).isEqualTo(Map.of("output", documents, "input", Map.of("query",
                "cats")));
    }

    @Test
    void promptsAndParsersReportChainEventsUnderTheirOwnType() {
        CallbackManagerForChainRun chain = this.manager.onChainStart(Serialized.of("seq"), "in");
        CallbackManager child = chain.getChild();
        child.onChainStart(Serialized.EMPTY, Map.of("topic", "cats"), null, RunType.PROMPT, "ChatPromptTemplate")
            .onChainEnd("prompt text");
        child.onChainStart(Serialized.EMPTY, "text", null, RunType.PARSER, "StrOutputParser").onChainEnd("text");
        chain.onChainEnd("out");

        assertThat(briefs()).containsExactly("on_chain_start seq", "on_prompt_start ChatPromptTemplate",
                "on_prompt_end ChatPromptTemplate", "on_parser_start StrOutputParser", "on_parser_end StrOutputParser",
                "on_chain_end seq");
        UUID root = this.events.get(0).runId();
        assertThat(this.events.get(1).parentIds()).containsExactly(root);
        assertThat(this.events.get(2).data()).isEqualTo(Map.of("output", "prompt text", "input",
                Map.of("topic", "cats")));
    }

    @Test
    void parentIdsListTheRootFirstAndOutliveTheirRunsUntilTheRootEnds() {
        CallbackManagerForChainRun root = this.manager.onChainStart(Serialized.of("root"), "in");
        CallbackManagerForChainRun middle = root.getChild().onChainStart(Serialized.of("middle"), "in");
        CallbackManagerForChainRun leaf = middle.getChild().onChainStart(Serialized.of("leaf"), "in");
        CallbackManager leafChild = leaf.getChild();
        leaf.onChainEnd("out");
        middle.onChainEnd("out");
        // A straggler from a run that already ended still knows its ancestors.
        leafChild.onCustomEvent("late", 1);
        root.onChainEnd("out");

        assertThat(this.events.get(2).parentIds()).containsExactly(root.runId(), middle.runId());
        StreamEvent late = this.events.get(5);
        assertThat(late.event()).isEqualTo("on_custom_event");
        assertThat(late.runId()).isEqualTo(leaf.runId());
        assertThat(late.parentIds()).containsExactly(root.runId(), middle.runId());
    }

    @Test
    void aSinkStoppingTheRunMakesTheNextAbortableEventThrowAndDropsTheRest() {
        List<StreamEvent> accepted = new ArrayList<>();
        EventStreamCallbackHandler stopping = new EventStreamCallbackHandler(EventFilter.all(), (event) -> {
            if (event.isCustom()) {
                throw new java.util.concurrent.CancellationException("enough");
            }
            accepted.add(event);
        });

        assertThat(stopping.raiseError()).isFalse();
        CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(stopping))
            .onChainStart(Serialized.of("chain"), "in");
        CallbackManager child = run.getChild();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> child.onCustomEvent("tick", 1))
            .isInstanceOf(java.util.concurrent.CancellationException.class)
            .hasMessage("enough");
        assertThat(stopping.raiseError()).isTrue();
        run.onChainError(new IllegalStateException("unwound"));

        assertThat(StreamEventsTests.briefs(accepted)).containsExactly("on_chain_start chain");
    }
}
