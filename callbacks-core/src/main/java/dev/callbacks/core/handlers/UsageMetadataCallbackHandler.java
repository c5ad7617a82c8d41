package dev.callbacks.core.handlers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Sums the token usage of chat-model calls per model name (upstream's
 * {@code UsageMetadataCallbackHandler}). Attach it to the calls to measure, or use
 * {@link UsageMetadataCallback} to collect the usage of a block of code without passing it along.
 *
 * <p>As upstream, it counts a call only when the <em>first generation of the first prompt</em>
 * is a chat generation whose message is an AI message carrying both usage metadata and a
 * non-empty {@code model_name} in its response metadata; every other response is ignored, and so
 * are further generations and prompts of the same call. Usages of the same model are summed with
 * {@link UsageMetadata#add}.
 *
 * <p>Thread-safe: calls of many threads may end concurrently.
 */
public final class UsageMetadataCallbackHandler implements CallbackHandler {

    private static final ThreadLocal<RecentRuns> RECENT_RUNS = ThreadLocal.withInitial(RecentRuns::new);

    private final Object lock = new Object();

    private final Map<String, UsageMetadata> usage = new LinkedHashMap<>();

    // The handler of the enclosing UsageMetadataCallback scope; it counts this scope's calls too.
    private final @Nullable UsageMetadataCallbackHandler parent;

    // Set once a nested scope names this handler as its parent; until then no call can reach it
    // twice and the bookkeeping that prevents double counting is skipped.
    private volatile boolean hasChildren;

    /** Creates a handler with no usage collected. */
    public UsageMetadataCallbackHandler() {
        this.parent = null;
    }

    /** Creates the handler of a scope nested in the scope of {@code parent}. */
    UsageMetadataCallbackHandler(UsageMetadataCallbackHandler parent) {
        this.parent = parent;
        parent.hasChildren = true;
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        BaseMessage message = firstChatMessage(response);
        @Nullable UsageMetadata callUsage;
        Map<String, Object> responseMetadata;
        if (message instanceof AIMessage ai) {
            callUsage = ai.usageMetadata();
            responseMetadata = ai.responseMetadata();
        }
        else if (message instanceof AIMessageChunk chunk) {
            callUsage = chunk.usageMetadata();
            responseMetadata = chunk.responseMetadata();
        }
        else {
            return;
        }
        if (callUsage == null || !(responseMetadata.get("model_name") instanceof CharSequence name)
                || name.isEmpty()) {
            return;
        }
        String model = name.toString();
        if (this.parent == null && !this.hasChildren) {
            add(model, callUsage);
            return;
        }
        // A run can hold an outer scope's handler (inherited from a run started in the outer
        // scope) next to an inner scope's handler that forwards to it; the event then reaches the
        // outer handler twice within one dispatch, on this thread (sync handlers run on the
        // emitting thread). Each handler counts it once.
        RecentRuns.Credited credited = RECENT_RUNS.get().of(run.runId());
        for (UsageMetadataCallbackHandler handler = this; handler != null; handler = handler.parent) {
            if (credited.claim(handler)) {
                handler.add(model, callUsage);
            }
        }
    }

    /** Does nothing: only ends carry usage, so the chat fallback to {@code onLlmStart} is skipped. */
    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
    }

    // Only onLlmEnd matters; the flags spare the dispatcher every other kind of event.

    @Override
    public boolean ignoreChatModel() {
        return true;
    }

    @Override
    public boolean ignoreChain() {
        return true;
    }

    @Override
    public boolean ignoreAgent() {
        return true;
    }

    @Override
    public boolean ignoreRetriever() {
        return true;
    }

    @Override
    public boolean ignoreRetry() {
        return true;
    }

    @Override
    public boolean ignoreCustomEvent() {
        return true;
    }

    /**
     * Returns a snapshot of the summed usage per model name, in the order the models were first
     * seen.
     * @return an unmodifiable copy
     */
    public Map<String, UsageMetadata> usageMetadata() {
        synchronized (this.lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(this.usage));
        }
    }

    /**
     * Returns a snapshot of the usage, with the total over all models.
     * @return the summary
     */
    public UsageSummary summary() {
        return new UsageSummary(usageMetadata());
    }

    @Override
    public String toString() {
        return usageMetadata().toString();
    }

    private void add(String model, UsageMetadata callUsage) {
        synchronized (this.lock) {
            this.usage.merge(model, callUsage, UsageMetadata::add);
        }
    }

    private static @Nullable BaseMessage firstChatMessage(LLMResult response) {
        List<List<Generation>> generations = response.generations();
        if (generations.isEmpty() || generations.get(0).isEmpty()) {
            return null;
        }
        Generation first = generations.get(0).get(0);
        if (first instanceof ChatGeneration chat) {
            return chat.message();
        }
        if (first instanceof ChatGenerationChunk chunk) {
            return chunk.message();
        }
        return null;
    }

    /**
     * The last few runs whose end was counted on this thread, with the handlers that counted it.
     * The duplicate deliveries of one end event happen within a single dispatch, so only the
     * current run matters; a few slots cover a handler that starts a nested call meanwhile.
     */
    private static final class RecentRuns {

        private static final int SLOTS = 4;

        private final @Nullable Credited[] slots = new Credited[SLOTS];

        private int next;

        Credited of(UUID runId) {
            for (Credited slot : this.slots) {
                if (slot != null && slot.runId.equals(runId)) {
                    return slot;
                }
            }
            Credited fresh = new Credited(runId);
            this.slots[this.next] = fresh;
            this.next = (this.next + 1) % SLOTS;
            return fresh;
        }

        static final class Credited {

            private final UUID runId;

            private final List<UsageMetadataCallbackHandler> handlers = new ArrayList<>(2);

            Credited(UUID runId) {
                this.runId = runId;
            }

            /** Returns {@code true} the first time a handler claims this run, by identity. */
            boolean claim(UsageMetadataCallbackHandler handler) {
                for (UsageMetadataCallbackHandler claimed : this.handlers) {
                    if (claimed == handler) {
                        return false;
                    }
                }
                this.handlers.add(handler);
                return true;
            }
        }
    }
}
