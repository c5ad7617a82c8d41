package dev.callbacks.core.stream.log;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.internal.HandlerErrors;
import dev.callbacks.core.internal.stream.CancellableSink;
import dev.callbacks.core.internal.stream.ChannelSpliterator;
import dev.callbacks.core.internal.stream.ReadOnlyMap;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.EventStreamCallbackHandler;
import dev.callbacks.core.stream.StreamEvents;
import org.jspecify.annotations.Nullable;

/**
 * Turns the callbacks of a run into a run log, JSON Patch by JSON Patch (upstream's
 * {@code LogStreamCallbackHandler} with the {@code original} output format); what
 * {@link StreamEvents#streamLog} attaches.
 *
 * <p>The first run it sees is the root: it emits {@code replace ""} with a fresh
 * {@link RunState} and is otherwise left to the caller, who adds the root's output. Every other
 * run that passes the {@link EventFilter} (applied to run name, run type and tags) gets
 * {@code add /logs/<key>} with a {@link LogEntry} when it starts, where the key is its name, or
 * {@code name:2}, {@code name:3} for later runs of the same name;
 * {@code add /logs/<key>/streamed_output_str/-} and {@code .../streamed_output/-} for every model
 * token (a model that does not stream gets neither); {@code add /logs/<key>/streamed_output/-}
 * for every chunk of the tapped output of a run that is not a model run; and
 * {@code add /logs/<key>/final_output} plus {@code add /logs/<key>/end_time} when it ends (the
 * final output is {@code null} after a failure). Chain outputs that are not maps are wrapped as
 * {@code {"output": value}}, except a prompt's, as upstream's tracer stores them.
 *
 * <p>The log keys of runs in flight are kept in {@link LiveRuns} (owner {@value #OWNER}): a run
 * leaves them when it ends, and beyond 100,000 runs that never end the oldest are evicted and
 * counted; an evicted run's later events add nothing to the log.
 *
 * <p>The sink follows the contract of {@link EventStreamCallbackHandler}'s: it may block, and it
 * stops the run by throwing a {@link CancellationException}.
 */
public final class LogStreamCallbackHandler implements CallbackHandler, StreamingCallbackHandler {

    /** The owner name of this handler's {@link LiveRuns}, under which its evictions are counted. */
    public static final String OWNER = "log-stream";

    /** The owner name of the set of live model runs (whose output is logged token by token). */
    public static final String MODELS_OWNER = "log-stream-models";

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
        .withZone(ZoneOffset.UTC);

    private final EventFilter filter;

    private final CancellableSink<RunLogPatch> sink;

    private final LiveRuns<String> keys;

    /** Live LLM and chat-model runs: their output is logged token by token, never by a tap. */
    private final LiveRuns<Boolean> modelRuns;

    private final Clock clock;

    private final Map<String, Integer> counts = new LinkedHashMap<>();

    private volatile @Nullable UUID rootId;

    /**
     * Creates a handler.
     * @param filter which sub-runs get log entries
     * @param sink receives the patches
     */
    public LogStreamCallbackHandler(EventFilter filter, Consumer<? super RunLogPatch> sink) {
        this(filter, sink, Clock.systemUTC());
    }

    /**
     * Creates a handler whose start and end times come from {@code clock}, as the tracers'
     * {@code TracerOptions.withClock}, so a test can pin them.
     * @param filter which sub-runs get log entries
     * @param sink receives the patches
     * @param clock the clock of {@code start_time} and {@code end_time}
     */
    public LogStreamCallbackHandler(EventFilter filter, Consumer<? super RunLogPatch> sink, Clock clock) {
        this(filter, sink, clock, LiveRuns.DEFAULT_MAX_RUNS);
    }

    LogStreamCallbackHandler(EventFilter filter, Consumer<? super RunLogPatch> sink, Clock clock, int maxLiveRuns) {
        this.filter = Objects.requireNonNull(filter, "filter must not be null; use EventFilter.all()");
        this.sink = new CancellableSink<>(sink, "the consumer of the run log cancelled the run");
        this.clock = Objects.requireNonNull(clock, "clock must not be null; use Clock.systemUTC()");
        this.keys = LiveRuns.<String>builder(OWNER).maxRuns(maxLiveRuns).build();
        this.modelRuns = LiveRuns.<Boolean>builder(MODELS_OWNER).maxRuns(maxLiveRuns).build();
    }

    /** Returns how many runs in flight have a log key here (tests). */
    int liveRunCount() {
        return this.keys.size();
    }

    /** Formats an instant as upstream's run logs do: ISO-8601, UTC, milliseconds. */
    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    @Override
    public boolean raiseError() {
        return this.sink.isStopping();
    }

    /** Returns the root run id, once the first run started. */
    public @Nullable UUID rootId() {
        return this.rootId;
    }

    // ---- run starts ---------------------------------------------------------------------------

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        created(run, CallbackEvent.CHAIN_START);
    }

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        this.modelRuns.put(run.runId(), Boolean.TRUE);
        created(run, CallbackEvent.LLM_START);
    }

    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        this.modelRuns.put(run.runId(), Boolean.TRUE);
        created(run, CallbackEvent.CHAT_MODEL_START);
    }

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        created(run, CallbackEvent.TOOL_START);
    }

    @Override
    public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        created(run, CallbackEvent.RETRIEVER_START);
    }

    private void created(RunInfo run, CallbackEvent callback) {
        try {
            UUID runId = run.runId();
            synchronized (this.counts) {
                if (this.rootId == null) {
                    this.rootId = runId;
                    LinkedHashMap<String, Object> state = new LinkedHashMap<>(8);
                    state.put("id", runId.toString());
                    state.put("streamed_output", List.of());
                    state.put("final_output", null);
                    state.put("logs", Map.of());
                    state.put("name", run.name());
                    state.put("type", run.runType().value());
                    send(RunLogPatch.of(JsonPatchOp.replace("", ReadOnlyMap.adopt(state))), false);
                    return;
                }
            }
            if (runId.equals(this.rootId) || !this.filter.includes(run.name(), run.runType().value(), run.tags())) {
                return;
            }
            String key;
            synchronized (this.counts) {
                int count = this.counts.merge(run.name(), 1, Integer::sum);
                key = (count == 1) ? run.name() : run.name() + ":" + count;
            }
            this.keys.put(runId, key);
            LinkedHashMap<String, Object> entry = new LinkedHashMap<>(16);
            entry.put("id", runId.toString());
            entry.put("name", run.name());
            entry.put("type", run.runType().value());
            entry.put("tags", run.tags());
            entry.put("metadata", run.metadata());
            entry.put("start_time", timestamp(this.clock.instant()));
            entry.put("streamed_output", List.of());
            entry.put("streamed_output_str", List.of());
            entry.put("final_output", null);
            entry.put("end_time", null);
            send(RunLogPatch.of(JsonPatchOp.add("/logs/" + JsonPatchOp.escape(key), ReadOnlyMap.adopt(entry))), false);
        }
        catch (RuntimeException ex) {
            HandlerErrors.handle(this, callback, ex, false);
        }
    }

    // ---- run ends -----------------------------------------------------------------------------

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        Object output = (outputs instanceof Map<?, ?>) ? outputs : ReadOnlyMap.of("output", outputs);
        if (run.runType() == RunType.PROMPT && output instanceof Map<?, ?> map && map.containsKey("output")) {
            output = map.get("output");
        }
        updated(run, output, CallbackEvent.CHAIN_END);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        updated(run, null, CallbackEvent.CHAIN_ERROR);
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        updated(run, ReadOnlyMap.of("generations", response.generations(), "llm_output",
                response.llmOutput().orElse(null)), CallbackEvent.LLM_END);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        updated(run, null, CallbackEvent.LLM_ERROR);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        updated(run, ReadOnlyMap.of("output", output), CallbackEvent.TOOL_END);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        updated(run, null, CallbackEvent.TOOL_ERROR);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        updated(run, ReadOnlyMap.of("documents", documents), CallbackEvent.RETRIEVER_END);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        updated(run, null, CallbackEvent.RETRIEVER_ERROR);
    }

    private void updated(RunInfo run, @Nullable Object finalOutput, CallbackEvent callback) {
        this.modelRuns.remove(run.runId());
        try {
            String key = this.keys.remove(run.runId());
            if (key == null) {
                return;
            }
            String path = "/logs/" + JsonPatchOp.escape(key);
            send(RunLogPatch.of(JsonPatchOp.add(path + "/final_output", finalOutput),
                    JsonPatchOp.add(path + "/end_time", timestamp(this.clock.instant()))), false);
        }
        catch (RuntimeException ex) {
            HandlerErrors.handle(this, callback, ex, false);
        }
    }

    // ---- streamed output ----------------------------------------------------------------------

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        try {
            String key = this.keys.get(run.runId());
            if (key == null) {
                return;
            }
            String path = "/logs/" + JsonPatchOp.escape(key);
            Object piece = (chunk instanceof ChatGenerationChunk generation) ? generation.message() : token;
            send(RunLogPatch.of(JsonPatchOp.add(path + "/streamed_output_str/-", token),
                    JsonPatchOp.add(path + "/streamed_output/-", piece)), true);
        }
        catch (CancellationException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            HandlerErrors.handle(this, CallbackEvent.LLM_NEW_TOKEN, ex, false);
        }
    }

    /**
     * Passes a run's output through, adding every chunk to the run's {@code streamed_output}
     * (the root's output is left to the caller). The returned iterator closes {@code output}.
     */
    @Override
    public <T> Iterator<T> tapOutputIterator(UUID runId, Iterator<T> output) {
        Objects.requireNonNull(runId, "runId must not be null");
        Objects.requireNonNull(output, "output must not be null");
        // As upstream, a model's streamed_output gets one entry per token (onLlmNewToken), and a
        // model that does not stream gets none; tapping its chunks as well would log each twice.
        return this.modelRuns.contains(runId) ? output : new Tap<>(runId, output);
    }

    private final class Tap<T> implements Iterator<T>, AutoCloseable {

        private final UUID runId;

        private final Iterator<T> output;

        Tap(UUID runId, Iterator<T> output) {
            this.runId = runId;
            this.output = output;
        }

        @Override
        public boolean hasNext() {
            return this.output.hasNext();
        }

        @Override
        public T next() {
            T chunk = this.output.next();
            String key = this.runId.equals(LogStreamCallbackHandler.this.rootId) ? null
                    : LogStreamCallbackHandler.this.keys.get(this.runId);
            if (key != null) {
                send(RunLogPatch.of(JsonPatchOp.add("/logs/" + JsonPatchOp.escape(key) + "/streamed_output/-", chunk)),
                        true);
            }
            return chunk;
        }

        @Override
        public void close() {
            ChannelSpliterator.Sneaky.closeIfCloseable(this.output);
        }
    }

    /**
     * Emits the root's patch for one more output chunk: {@code streamed_output} and the final-output
     * diff. Not API: public for {@code StreamEvents} (package {@code stream}), which drives the log
     * stream of a runnable.
     */
    public void rootChunk(@Nullable Object chunk, @Nullable Object previousOutput, @Nullable Object output) {
        List<JsonPatchOp> ops = new ArrayList<>(2);
        ops.add(JsonPatchOp.add("/streamed_output/-", chunk));
        JsonPatches.diff(previousOutput, output, "/final_output", ops);
        send(new RunLogPatch(ops), true);
    }

    private void send(RunLogPatch item, boolean abortable) {
        this.sink.deliver(item, abortable);
    }

    @Override
    public String toString() {
        return "LogStreamCallbackHandler[" + this.filter + "]";
    }
}
