package dev.callbacks.core;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Messages;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Receives the events of LangChain runs: model calls, chain steps, tool calls, retrievals,
 * streamed tokens and custom events. Override only the methods you need; every method is a
 * no-op by default, so new events can be added without breaking implementations.
 *
 * <h2>Event order</h2>
 * Each run starts, may emit events, and then ends <em>exactly once</em>, with either an end or
 * an error event for the same {@link RunInfo#runId() run id}. Runs nest: a child run starts
 * after its parent started and ends before its parent ends, and names the parent in
 * {@link RunInfo#parentRunId()}. A typical agent request looks like this:
 * <pre>
 * onChainStart            (agent executor, root run)
 *   onChatModelStart      (child of the agent)
 *     onLlmNewToken       (zero or more, in order)
 *   onLlmEnd | onLlmError
 *   onAgentAction         (on the agent's run)
 *   onToolStart           (child of the agent)
 *     onChainStart ...    (runs the tool makes, children of the tool)
 *     onCustomEvent       (attributed to the enclosing run)
 *   onToolEnd | onToolError
 *   onRetrieverStart / onRetrieverEnd | onRetrieverError
 *   onAgentFinish
 * onChainEnd | onChainError
 * </pre>
 * Nesting is not strictly sequential where the runnables run concurrently (parallel maps,
 * batches, parallel tool calls): sibling runs may interleave, but the events of one run are
 * always delivered in order, and each start precedes every event of its children. Retries emit
 * {@code onRetry} on the retrying run between attempts. {@code onText} may occur on any run.
 *
 * <h2>The implementer's contract</h2>
 * <ul>
 * <li>Handlers are called on the thread that emits the event, in the order they were
 * registered, for start, end and error events alike, and the emitting code waits for them. Keep
 * them fast and non-blocking; do slow work (network, disk) in an {@link AsyncCallbackHandler},
 * which receives the same events in the same order per run, but off the emitting thread and
 * after the emitting code moved on (see there for how to wait for it).</li>
 * <li>Do not throw. A handler that throws is logged (WARN once per handler and event, then
 * DEBUG), counted, and skipped; the other handlers and the user's call carry on, unless
 * {@link #raiseError()} asks for the exception to be rethrown.</li>
 * <li>Do not mutate the arguments; they are shared with the other handlers.</li>
 * <li>A handler may receive events of many runs concurrently, from many threads; key per-run
 * state by the {@link RunInfo} and make it thread-safe.</li>
 * <li>Metadata and the run name are fixed at start; LangChain sends metadata with start events
 * only, and so does {@code onCustomEvent}, which carries no parent run id.</li>
 * </ul>
 *
 * <h2>Chat models</h2>
 * A handler that does not override {@link #onChatModelStart} receives {@link #onLlmStart} with
 * every message list rendered as a buffer string ({@code "Human: hi"}), unless it ignores LLM
 * events, as upstream's fallback does. A handler can also decline a chat start at run time, as
 * upstream's {@code NotImplementedError} does: throwing {@link UnsupportedOperationException}
 * from {@link #onChatModelStart} (or, for an {@link AsyncCallbackHandler}, from it or through
 * the future it returns) gets the same fallback, and is not counted as a handler error. So an
 * {@code UnsupportedOperationException} escaping from code the method calls declines too.
 *
 * @see AsyncCallbackHandler
 * @see CallbackManager
 */
public non-sealed interface CallbackHandler extends BaseCallbackHandler {

    /** A handler that ignores every event. */
    CallbackHandler NOOP = new CallbackHandler() {
        @Override
        public String toString() {
            return "CallbackHandler.NOOP";
        }
    };

    /** Returns a builder for a handler made of lambdas (LangChain.js {@code fromMethods}). */
    static CallbackHandlerBuilder builder() {
        return new CallbackHandlerBuilder();
    }

    /**
     * An LLM run started. Fires once per prompt.
     * @param run the run
     * @param serialized the model's description
     * @param prompts the prompt of this run (a one-element list, as upstream)
     * @param invocationParams the model's invocation parameters (model name, temperature, ...)
     */
    default void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
    }

    /**
     * A chat-model run started. Fires once per message list. The default renders each message
     * list as a buffer string and calls {@link #onLlmStart}, unless {@link #ignoreLlm()}.
     * @param run the run
     * @param serialized the model's description
     * @param messages the messages of this run (a one-element list of message lists)
     * @param invocationParams the model's invocation parameters
     */
    default void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        if (!ignoreLlm()) {
            onLlmStart(run, serialized, messages.stream().map(Messages::bufferString).toList(), invocationParams);
        }
    }

    /**
     * A model streamed a token. Repeats, in order, between the start and the end of an LLM or
     * chat-model run.
     * @param run the run
     * @param token the token text
     * @param chunk the generation chunk carrying the token, or {@code null} when the model gave none
     */
    default void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
    }

    /** An LLM or chat-model run ended with this result (usage metadata included when known). */
    default void onLlmEnd(RunInfo run, LLMResult response) {
    }

    /**
     * An LLM or chat-model run failed.
     * @param run the run
     * @param error the failure
     * @param partialResponse what the model produced before failing, empty when nothing
     */
    default void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
    }

    /**
     * A chain run started (also prompts and parsers, see {@link RunInfo#runType()}).
     * @param run the run
     * @param serialized the component's description
     * @param inputs the input; {@link ChainInputs#UNKNOWN} for streamed runs whose input is not
     *     known yet (it then arrives with the end event)
     */
    default void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
    }

    /**
     * A chain run ended.
     * @param run the run
     * @param outputs the output
     * @param inputs the realised input of a streamed run, or {@code null} when the start event
     *     carried it
     */
    default void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
    }

    /**
     * A chain run failed; the exception is rethrown to the caller after the handlers ran.
     * @param run the run
     * @param error the failure
     * @param inputs the realised input of a streamed run, or {@code null}
     */
    default void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
    }

    /**
     * A tool run started.
     * @param run the run
     * @param serialized the tool's description
     * @param inputStr the input as a string
     * @param inputs the input as a map (empty when the tool took a plain string)
     */
    default void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
    }

    /** A tool run ended with this output. */
    default void onToolEnd(RunInfo run, @Nullable Object output) {
    }

    /** A tool run failed. */
    default void onToolError(RunInfo run, Throwable error) {
    }

    /** A retriever run started for this query. */
    default void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
    }

    /** A retriever run ended with these documents. */
    default void onRetrieverEnd(RunInfo run, List<Document> documents) {
    }

    /** A retriever run failed. */
    default void onRetrieverError(RunInfo run, Throwable error) {
    }

    /** Free text attached to a run (used by agents and printing handlers). Never ignored. */
    default void onText(RunInfo run, String text) {
    }

    /** The run is about to retry; fires between attempts. */
    default void onRetry(RunInfo run, RetryState retryState) {
    }

    /** An agent decided to call a tool; fires on the agent's (chain) run before the tool run. */
    default void onAgentAction(RunInfo run, AgentAction action) {
    }

    /** An agent finished; fires on the agent's (chain) run before its end event. */
    default void onAgentFinish(RunInfo run, AgentFinish finish) {
    }

    /**
     * A custom event dispatched from inside a run with {@link Callbacks#dispatchCustomEvent}.
     * @param run the enclosing run; as upstream, custom events carry no parent run id, so
     *     {@link RunInfo#parentRunId()} is {@code null}
     * @param name the event name
     * @param data the event data as given
     */
    default void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
    }
}
