package dev.callbacks.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * A test handler that appends {@code "<name> <method>"} to a log for every event, so tests can
 * assert the order in which several handlers were called (one shared log) or which events one
 * handler saw. It does not override {@code onChatModelStart}, so it exercises the chat fallback;
 * {@link #flags} turn its ignore flags on. Unlike {@code RecordingCallbackHandler} it checks no
 * lifecycle, so it can be attached half-way through a run.
 */
public class LoggingHandler implements CallbackHandler {

    /** The ignore flags of {@link BaseCallbackHandler}, to switch on per handler. */
    public enum Flag {
        LLM, CHAT_MODEL, CHAIN, AGENT, RETRIEVER, RETRY, CUSTOM_EVENT
    }

    final String name;

    final List<String> log;

    final Set<Flag> flags;

    /** Every {@link RunInfo} received, in order, next to the log. */
    final List<RunInfo> runs = Collections.synchronizedList(new ArrayList<>());

    /** Prompts received by {@code onLlmStart}. */
    final List<List<String>> prompts = Collections.synchronizedList(new ArrayList<>());

    public LoggingHandler(String name, List<String> log, Flag... flags) {
        this.name = name;
        this.log = log;
        this.flags = (flags.length == 0) ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags);
    }

    public LoggingHandler(String name) {
        this(name, Collections.synchronizedList(new ArrayList<>()));
    }

    /** The events this handler saw, without its name. */
    List<String> events() {
        String prefix = this.name + " ";
        synchronized (this.log) {
            return this.log.stream().filter((line) -> line.startsWith(prefix))
                .map((line) -> line.substring(prefix.length()))
                .toList();
        }
    }

    public void record(CallbackEvent event, RunInfo run) {
        this.runs.add(run);
        this.log.add(this.name + " " + event.methodName());
    }

    @Override
    public boolean ignoreLlm() {
        return this.flags.contains(Flag.LLM);
    }

    @Override
    public boolean ignoreChatModel() {
        return this.flags.contains(Flag.CHAT_MODEL);
    }

    @Override
    public boolean ignoreChain() {
        return this.flags.contains(Flag.CHAIN);
    }

    @Override
    public boolean ignoreAgent() {
        return this.flags.contains(Flag.AGENT);
    }

    @Override
    public boolean ignoreRetriever() {
        return this.flags.contains(Flag.RETRIEVER);
    }

    @Override
    public boolean ignoreRetry() {
        return this.flags.contains(Flag.RETRY);
    }

    @Override
    public boolean ignoreCustomEvent() {
        return this.flags.contains(Flag.CUSTOM_EVENT);
    }

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        this.prompts.add(prompts);
        record(CallbackEvent.LLM_START, run);
    }

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        record(CallbackEvent.LLM_NEW_TOKEN, run);
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        record(CallbackEvent.LLM_END, run);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        record(CallbackEvent.LLM_ERROR, run);
    }

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        record(CallbackEvent.CHAIN_START, run);
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        record(CallbackEvent.CHAIN_END, run);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        record(CallbackEvent.CHAIN_ERROR, run);
    }

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        record(CallbackEvent.TOOL_START, run);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        record(CallbackEvent.TOOL_END, run);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        record(CallbackEvent.TOOL_ERROR, run);
    }

    @Override
    public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        record(CallbackEvent.RETRIEVER_START, run);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        record(CallbackEvent.RETRIEVER_END, run);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        record(CallbackEvent.RETRIEVER_ERROR, run);
    }

    @Override
    public void onText(RunInfo run, String text) {
        record(CallbackEvent.TEXT, run);
    }

    @Override
    public void onRetry(RunInfo run, RetryState retryState) {
        record(CallbackEvent.RETRY, run);
    }

    @Override
    public void onAgentAction(RunInfo run, AgentAction action) {
        record(CallbackEvent.AGENT_ACTION, run);
    }

    @Override
    public void onAgentFinish(RunInfo run, AgentFinish finish) {
        record(CallbackEvent.AGENT_FINISH, run);
    }

    @Override
    public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        record(CallbackEvent.CUSTOM_EVENT, run);
    }

    @Override
    public String toString() {
        return "LoggingHandler[" + this.name + "]";
    }
}
