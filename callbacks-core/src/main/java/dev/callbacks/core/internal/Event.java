package dev.callbacks.core.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
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
 * One event of the handler SPI as the dispatcher sees it: which flag skips it, and how to call it
 * on a sync or async handler with up to three payload arguments.
 *
 * <p>Each event is a {@code static final} constant, so when {@link Dispatcher#dispatch} is
 * inlined at a call site the JIT knows the exact event and calls the handler method directly:
 * no lambda, array or event object is allocated per event.
 */
@SuppressWarnings("unchecked")
public abstract class Event {

    private final CallbackEvent type;

    Event(CallbackEvent type) {
        this.type = type;
    }

    /** Returns the public name of this event. */
    public final CallbackEvent type() {
        return this.type;
    }

    /** Whether the handler's flags skip this event. */
    public abstract boolean ignoredBy(BaseCallbackHandler handler);

    /** Calls the event on a sync handler. */
    public abstract void call(CallbackHandler h, RunInfo run, @Nullable Object a, @Nullable Object b,
            @Nullable Object c);

    /** Calls the event on an async handler. */
    public abstract CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo run, @Nullable Object a,
            @Nullable Object b, @Nullable Object c);

    @Override
    public String toString() {
        return this.type.methodName();
    }

    public static final Event LLM_START = new Event(CallbackEvent.LLM_START) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreLlm(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onLlmStart(r, (Serialized) a, (List<String>) b, (Map<String, Object>) c);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onLlmStart(r, (Serialized) a, (List<String>) b, (Map<String, Object>) c);
        }
    };

    public static final Event CHAT_MODEL_START = new Event(CallbackEvent.CHAT_MODEL_START) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreChatModel(); }
        // A handler declines chat starts by throwing UnsupportedOperationException (upstream's
        // NotImplementedError): it then gets the LLM start instead, and no error is counted.
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            try {
                h.onChatModelStart(r, (Serialized) a, (List<List<BaseMessage>>) b, (Map<String, Object>) c);
            }
            catch (UnsupportedOperationException declined) {
                if (!h.ignoreLlm()) {
                    h.onLlmStart(r, (Serialized) a, bufferStrings(b), (Map<String, Object>) c);
                }
            }
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            CompletionStage<Void> started;
            try {
                started = h.onChatModelStart(r, (Serialized) a, (List<List<BaseMessage>>) b, (Map<String, Object>) c);
            }
            catch (UnsupportedOperationException declined) {
                return llmFallback(h, r, a, b, c);
            }
            return started.exceptionallyCompose((ex) -> (Dispatcher.unwrap(ex) instanceof UnsupportedOperationException)
                    ? llmFallback(h, r, a, b, c) : CompletableFuture.failedStage(ex));
        }
        private CompletionStage<Void> llmFallback(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.ignoreLlm() ? CompletableFuture.completedStage(null)
                    : h.onLlmStart(r, (Serialized) a, bufferStrings(b), (Map<String, Object>) c);
        }
        private List<String> bufferStrings(Object messages) {
            return ((List<List<BaseMessage>>) messages).stream().map(Messages::bufferString).toList();
        }
    };

    public static final Event LLM_NEW_TOKEN = new Event(CallbackEvent.LLM_NEW_TOKEN) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreLlm(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onLlmNewToken(r, (String) a, (Generation) b);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onLlmNewToken(r, (String) a, (Generation) b);
        }
    };

    public static final Event LLM_END = new Event(CallbackEvent.LLM_END) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreLlm(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onLlmEnd(r, (LLMResult) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onLlmEnd(r, (LLMResult) a);
        }
    };

    public static final Event LLM_ERROR = new Event(CallbackEvent.LLM_ERROR) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreLlm(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onLlmError(r, (Throwable) a, (LLMResult) b);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onLlmError(r, (Throwable) a, (LLMResult) b);
        }
    };

    public static final Event CHAIN_START = new Event(CallbackEvent.CHAIN_START) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreChain(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onChainStart(r, (Serialized) a, b);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onChainStart(r, (Serialized) a, b);
        }
    };

    public static final Event CHAIN_END = new Event(CallbackEvent.CHAIN_END) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreChain(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onChainEnd(r, a, b);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onChainEnd(r, a, b);
        }
    };

    public static final Event CHAIN_ERROR = new Event(CallbackEvent.CHAIN_ERROR) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreChain(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onChainError(r, (Throwable) a, b);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onChainError(r, (Throwable) a, b);
        }
    };

    public static final Event TOOL_START = new Event(CallbackEvent.TOOL_START) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreAgent(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onToolStart(r, (Serialized) a, (String) b, (Map<String, Object>) c);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onToolStart(r, (Serialized) a, (String) b, (Map<String, Object>) c);
        }
    };

    public static final Event TOOL_END = new Event(CallbackEvent.TOOL_END) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreAgent(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onToolEnd(r, a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onToolEnd(r, a);
        }
    };

    public static final Event TOOL_ERROR = new Event(CallbackEvent.TOOL_ERROR) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreAgent(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onToolError(r, (Throwable) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onToolError(r, (Throwable) a);
        }
    };

    public static final Event RETRIEVER_START = new Event(CallbackEvent.RETRIEVER_START) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreRetriever(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onRetrieverStart(r, (Serialized) a, (String) b);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onRetrieverStart(r, (Serialized) a, (String) b);
        }
    };

    public static final Event RETRIEVER_END = new Event(CallbackEvent.RETRIEVER_END) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreRetriever(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onRetrieverEnd(r, (List<Document>) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onRetrieverEnd(r, (List<Document>) a);
        }
    };

    public static final Event RETRIEVER_ERROR = new Event(CallbackEvent.RETRIEVER_ERROR) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreRetriever(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onRetrieverError(r, (Throwable) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onRetrieverError(r, (Throwable) a);
        }
    };

    public static final Event TEXT = new Event(CallbackEvent.TEXT) {
        public boolean ignoredBy(BaseCallbackHandler h) { return false; }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onText(r, (String) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onText(r, (String) a);
        }
    };

    public static final Event RETRY = new Event(CallbackEvent.RETRY) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreRetry(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onRetry(r, (RetryState) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onRetry(r, (RetryState) a);
        }
    };

    public static final Event AGENT_ACTION = new Event(CallbackEvent.AGENT_ACTION) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreAgent(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onAgentAction(r, (AgentAction) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onAgentAction(r, (AgentAction) a);
        }
    };

    public static final Event AGENT_FINISH = new Event(CallbackEvent.AGENT_FINISH) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreAgent(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onAgentFinish(r, (AgentFinish) a);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onAgentFinish(r, (AgentFinish) a);
        }
    };

    public static final Event CUSTOM_EVENT = new Event(CallbackEvent.CUSTOM_EVENT) {
        public boolean ignoredBy(BaseCallbackHandler h) { return h.ignoreCustomEvent(); }
        public void call(CallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            h.onCustomEvent(r, (String) a, b);
        }
        public CompletionStage<Void> callAsync(AsyncCallbackHandler h, RunInfo r, Object a, Object b, Object c) {
            return h.onCustomEvent(r, (String) a, b);
        }
    };
}
