package dev.callbacks.core.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.callbacks.core.agents.AgentExecutor;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.ToolParam;
import dev.callbacks.core.tools.Tools;

/**
 * The "where is the cat hiding" agent of LangChain's agent-streaming guide, with scripted models
 * so it runs offline and deterministically: the agent (named {@value #AGENT_NAME}, its model
 * tagged {@code agent_llm}) calls {@code where_cat_is_hiding}, which answers
 * {@value #HIDING_PLACE}, then {@code get_items} with {@code {"place": "shelf"}}, which asks a
 * chat model (run name {@code Get Items LLM}, tagged {@code tool_llm}) through a prompt with the
 * tool's config, streaming its answer {@value #ITEMS}, and finally answers {@value #FINAL_ANSWER}.
 *
 * <p>The agent's model picks its answers by turn, so one agent serves concurrent questions. Used
 * by the demo application and the stream-events tests.
 */
public final class CatAgentExample {

    /** The agent's run name, as the seed's {@code with_config({"run_name": "Agent"})}. */
    public static final String AGENT_NAME = "Agent";

    /** The seed's question. */
    public static final String QUESTION = "where is the cat hiding? what items are in that location?";

    /** What {@code where_cat_is_hiding} answers. */
    public static final String HIDING_PLACE = "on the shelf";

    /** The place the agent passes to {@code get_items}. */
    public static final String PLACE = "shelf";

    /** What {@code get_items} answers for the shelf. */
    public static final String ITEMS = "books, pencils and pictures";

    /** The agent's final answer. */
    public static final String FINAL_ANSWER = "The cat is currently hiding on the shelf. In that location, you can find "
            + "books, pencils, and pictures.";

    /** The id of the model's call of {@code where_cat_is_hiding}. */
    public static final String WHERE_CALL_ID = "call_pKy4OLcBx6pR6k3GHBOlH68r";

    /** The id of the model's call of {@code get_items}. */
    public static final String ITEMS_CALL_ID = "call_qZTz1mRfCCXT18SUy0E07eS4";

    /** The prompt {@code get_items} sends to its model. */
    public static final String ITEMS_PROMPT = "Can you tell me what kind of items i might find in the following place: "
            + "'{place}'. List at least 3 such items separating them by a comma. And include a brief description of "
            + "each item..";

    private CatAgentExample() {
    }

    /** The arguments of {@code get_items}. */
    public record GetItemsArgs(@ToolParam("the place to look in") String place) {

        /** Validates the place. */
        public GetItemsArgs {
            Objects.requireNonNull(place, "place must not be null");
        }
    }

    /** Returns the question as the agent's input map. */
    public static Map<String, Object> input() {
        return Map.of("input", QUESTION);
    }

    /** Returns the agent with models that stream without delay. */
    public static AgentExecutor create() {
        return create(Duration.ZERO);
    }

    /**
     * Returns the agent.
     * @param tokenDelay the delay before each streamed token of its models, to watch them arrive in a demo
     * @return the agent
     */
    public static AgentExecutor create(Duration tokenDelay) {
        Runnable<Object, BaseMessage> model = agentModel(tokenDelay)
            .withConfig(RunnableConfig.builder().tags("agent_llm").build());
        return AgentExecutor.builder()
            .name(AGENT_NAME)
            .model(model)
            .tools(getItems(tokenDelay), whereCatIsHiding())
            .build();
    }

    /**
     * Returns the agent's scripted model: a call of {@code where_cat_is_hiding}, a call of
     * {@code get_items} for the shelf, then the final answer, picked by turn.
     */
    public static FakeChatModel agentModel(Duration tokenDelay) {
        return FakeChatModel.builder()
            .response(AIMessage.withToolCalls("", List.of(ToolCall.of(WHERE_CALL_ID, "where_cat_is_hiding", Map.of()))))
            .response(AIMessage.withToolCalls("", List.of(ToolCall.of(ITEMS_CALL_ID, "get_items", Map.of("place", PLACE)))))
            .response(FINAL_ANSWER)
            .respondByTurn()
            .chunkDelay(tokenDelay)
            .build();
    }

    /** Returns {@code where_cat_is_hiding}, which always finds the cat {@value #HIDING_PLACE}. */
    public static BaseTool whereCatIsHiding() {
        return Tools.of("where_cat_is_hiding", "Where is the cat hiding right now?", (args) -> HIDING_PLACE);
    }

    /**
     * Returns {@code get_items}: it streams {@code prompt | model} with the tool's config, so the
     * model run nests under the tool run, and joins the streamed text. The scripted model answers
     * as the seed's first version of the tool does: {@value #ITEMS} for a shelf, socks, shoes and
     * dust bunnies for a bed, cat snacks anywhere else.
     * @param tokenDelay the delay before each streamed token
     * @return the tool
     */
    public static BaseTool getItems(Duration tokenDelay) {
        ChatPromptTemplate prompt = ChatPromptTemplate.fromTemplate(ITEMS_PROMPT);
        RunnableConfig modelConfig = RunnableConfig.builder().runName("Get Items LLM").tags("tool_llm").build();
        Runnable<Map<String, Object>, BaseMessage> shelf = prompt.pipe(itemsModel(ITEMS, tokenDelay).withConfig(modelConfig));
        Runnable<Map<String, Object>, BaseMessage> bed = prompt
            .pipe(itemsModel("socks, shoes and dust bunnies", tokenDelay).withConfig(modelConfig));
        Runnable<Map<String, Object>, BaseMessage> elsewhere = prompt
            .pipe(itemsModel("cat snacks", tokenDelay).withConfig(modelConfig));
        return Tools.of("get_items", "Use this tool to look up which items are in the given place.", GetItemsArgs.class,
                (args, config) -> {
                    Runnable<Map<String, Object>, BaseMessage> chain = args.place().contains("shelf") ? shelf
                            : args.place().contains("bed") ? bed : elsewhere;
                    try (Stream<BaseMessage> chunks = chain.stream(Map.of("place", args.place()), config)) {
                        return chunks.map(BaseMessage::content).collect(Collectors.joining());
                    }
                });
    }

    private static FakeChatModel itemsModel(String answer, Duration tokenDelay) {
        return FakeChatModel.builder().response(answer).chunkDelay(tokenDelay).build();
    }
}
