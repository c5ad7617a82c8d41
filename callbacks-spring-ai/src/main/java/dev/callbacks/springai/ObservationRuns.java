package dev.callbacks.springai;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.RunType;
import dev.callbacks.core.bridge.RequestOptions;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Serialized;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * What the bridge reports for each kind of Spring AI observation: the start event built from the
 * observation's request, and the end or error event built from its response.
 */
final class ObservationRuns {

    /** The run name of a {@code ChatClient} call. */
    static final String CHAT_CLIENT = "ChatClient";

    private static final Serialized CHAT_CLIENT_SERIALIZED = new Serialized(
            List.of("org", "springframework", "ai", "chat", "client", "ChatClient"), CHAT_CLIENT, Map.of());

    /** Starts the run for an observation under {@code parent}; {@code null} for a context it does not know. */
    @Nullable BridgedRun start(Observation.Context context, RunnableConfig parent) {
        if (context instanceof ChatModelObservationContext model) {
            return startModel(model, parent);
        }
        CallbackManager manager = parent.callbackManager();
        if (manager.handlers().isEmpty()) {
            // Nobody listens: convert nothing (the runs would be no-ops anyway).
            return null;
        }
        if (context instanceof ChatClientObservationContext client) {
            Map<String, Object> inputs = Map.of("messages", messages(client.getRequest().prompt()));
            CallbackManagerForChainRun run = manager.onChainStart(CHAT_CLIENT_SERIALIZED, inputs, null,
                    RunType.CHAIN, CHAT_CLIENT);
            return BridgedRun.chain(run, inputs, parent, true);
        }
        if (context instanceof ToolCallingObservationContext tool) {
            String name = tool.getToolDefinition().name();
            String arguments = (tool.getToolCallArguments() != null) ? tool.getToolCallArguments() : "";
            Serialized serialized = new Serialized(List.of(), name,
                    Map.of("description", String.valueOf(tool.getToolDefinition().description())));
            CallbackManagerForToolRun run = manager.onToolStart(serialized, arguments,
                    LangChainJson.parseToolArguments(arguments), null, name);
            return BridgedRun.tool(run, parent);
        }
        if (context instanceof AdvisorObservationContext advisor) {
            String name = advisor.getAdvisorName();
            CallbackManagerForChainRun run = manager.onChainStart(Serialized.of(name), Map.of(), null,
                    RunType.CHAIN, name);
            return BridgedRun.chain(run, Map.of(), parent, false);
        }
        return null;
    }

    /** Ends the run of an observation with its response, or with its error when it failed. */
    void stop(Observation.Context context, BridgedRun run) {
        Throwable error = context.getError();
        CallbackManagerForLlmRun model = run.modelRun();
        if (model != null) {
            ChatResponse response = ((ChatModelObservationContext) context).getResponse();
            if (error != null) {
                model.onLlmError(error, SpringAiMessages.toLlmResult(response));
            }
            else {
                model.onLlmEnd(SpringAiMessages.toLlmResult(response));
            }
            return;
        }
        CallbackManagerForToolRun tool = run.toolRun();
        if (tool != null) {
            if (error != null) {
                tool.onToolError(error);
            }
            else {
                String result = ((ToolCallingObservationContext) context).getToolCallResult();
                tool.onToolEnd((result != null) ? result : "");
            }
            return;
        }
        CallbackManagerForChainRun chain = run.chainRun();
        if (chain == null) {
            return;
        }
        if (error != null) {
            chain.onChainError(error, run.inputs());
        }
        else if (context instanceof ChatClientObservationContext client) {
            chain.onChainEnd(Map.of("output", answer(client.getResponse())), run.inputs());
        }
        else {
            chain.onChainEnd(Map.of(), run.inputs());
        }
    }

    private static @Nullable BridgedRun startModel(ChatModelObservationContext context, RunnableConfig parent) {
        Prompt prompt = context.getRequest();
        ChatOptions options = prompt.getOptions();
        String provider = context.getOperationMetadata().provider();
        RequestOptions request = SpringAiMessages.requestOptions(options, List.of());
        // As BaseChatModel: the ls_* keys describe this run only.
        CallbackManager manager = CallbackManager.configure(parent.callbacks(), null, false, parent.tags(), List.of(),
                parent.metadata(), request.lsParams(provider));
        if (manager.handlers().isEmpty()) {
            // Nobody listens: convert nothing.
            return null;
        }
        Map<String, Object> params = request.invocationParams("spring-ai-" + provider);
        if (context.isStreaming()) {
            params.put("stream", true);
        }
        String name = (request.model() != null) ? "chat " + request.model() : "chat " + provider;
        CallbackManagerForLlmRun run = manager.onChatModelStart(new Serialized(List.of("org", "springframework", "ai",
                "chat", "model", provider), name, Map.of()), List.of(messages(prompt)), null, params, name).get(0);
        return BridgedRun.model(run);
    }

    private static List<BaseMessage> messages(Prompt prompt) {
        return SpringAiMessages.fromSpringAi(prompt.getInstructions());
    }

    private static String answer(@Nullable ChatClientResponse response) {
        ChatResponse chat = (response != null) ? response.chatResponse() : null;
        Generation generation = (chat != null) ? chat.getResult() : null;
        String text = (generation != null) ? generation.getOutput().getText() : null;
        return (text != null) ? text : "";
    }
}
