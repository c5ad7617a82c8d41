package dev.callbacks.core.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.bounds.ValueTruncator;
import dev.callbacks.core.internal.HandlerErrors;
import dev.callbacks.core.internal.stream.CancellableSink;
import dev.callbacks.core.internal.stream.ChannelSpliterator;
import dev.callbacks.core.internal.stream.ReadOnlyMap;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.TextGeneration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the callbacks of runs into {@link StreamEvent}s (schema v2), as upstream's
 * {@code _AstreamEventsCallbackHandler}; {@code Runnable.streamEvents} attaches one per call. Use
 * it directly to feed events into a sink of your own.
 *
 * <p>What it emits:
 * <ul>
 * <li>{@code on_<type>_start} for chains, prompts and parsers (data {@code {input}}, or
 * {@code {}} while a streamed run's input is still unknown), {@code on_chat_model_start}
 * ({@code {input: {messages}}}), {@code on_llm_start} ({@code {input: {prompts}}}),
 * {@code on_tool_start} ({@code {input: inputs}}) and {@code on_retriever_start}
 * ({@code {input: {query}}});</li>
 * <li>{@code on_<type>_stream} with {@code {chunk}} for every chunk of a run's output passed
 * through {@link #tapOutputIterator} (only the first tap of a run emits), and
 * {@code on_chat_model_stream} / {@code on_llm_stream} for every token of a model run that is
 * not tapped (a tapped run reports its chunks through the tap, so tokens would repeat them);</li>
 * <li>{@code on_<type>_end} with {@code {output, input}}: a chat model's output is the first
 * generation's message, an LLM's the generations as {@code {text, generation_info, type}}
 * maps; {@code on_tool_error} with {@code {error, input}}. Chains, models and retrievers have no
 * error event: their failure reaches the caller as the exception;</li>
 * <li>{@code on_custom_event} with the event's name, the id of the run it was dispatched from and
 * the dispatcher's data as-is.</li>
 * </ul>
 * Parent ids come from a child-to-parent map that outlives the runs, forgotten when the last
 * top-level run ends. Live runs and parent links are kept in {@link LiveRuns} (owners
 * {@value #OWNER} and {@value #LINKS_OWNER}), so a stream whose runs never end stays bounded: beyond 100,000 runs, or
 * beyond {@value #MAX_LIVE_BYTES} bytes of inputs held for the end events (as
 * {@link ValueTruncator#estimateBytes} estimates them), the oldest are evicted and counted, and an
 * evicted run's later events are dropped. Every event passes the {@link EventFilter} before it reaches the sink.
 *
 * <p>Like upstream, the handler swallows its own failures (logged and counted as handler
 * errors): a run id used by both a parent and its child makes the parent walk cyclic, and the
 * events that would need it are dropped instead of breaking the run.
 *
 * <p><b>The sink</b> is called on the thread that emitted the callback, possibly from several
 * threads at once; it may block, which pauses the run. To stop the run it throws a
 * {@link CancellationException}: from then on every token, chunk and custom event throws one
 * into the run (so the run unwinds at its next emission), while start, end and error events
 * are dropped quietly so that the other handlers still see every run end.
 *
 * <p>Long on purpose: it maps every callback of every run type to upstream's stream event, with the
 * input and output shaping of each, as upstream's _AstreamEventsCallbackHandler does in one class;
 * the channel plumbing is in internal.stream.
 */
public final class EventStreamCallbackHandler implements CallbackHandler, StreamingCallbackHandler {

    private static final Logger logger = LoggerFactory.getLogger(EventStreamCallbackHandler.class);

    /** The owner name of this handler's {@link LiveRuns}, under which its evictions are counted. */
    public static final String OWNER = "event-stream";

    /** The bound on the estimated bytes of the inputs live runs hold for their end events: 64 MB. */
    public static final long MAX_LIVE_BYTES = 64L * 1024 * 1024;

    /**
     * The owner name of this handler's parent links, counted apart from its runs: in a long-lived
     * stream whose top-level runs never all end, the oldest links (mostly of runs that ended) are
     * forgotten, and only a late event of a run that old loses its parent ids.
     */
    public static final String LINKS_OWNER = "event-stream-links";

    /** The parent of a root run in {@link #parents}, which cannot hold {@code null}. */
    private static final UUID NO_PARENT = new UUID(0L, 0L);

    /** The start input of a streamed run before it is known. */
    private static final Object NO_INPUT = new Object();

    private static final String[] START = eventNames("start");

    private static final String[] STREAM = eventNames("stream");

    private static final String[] END = eventNames("end");

    private final EventFilter filter;

    private final CancellableSink<StreamEvent> sink;

    private final LiveRuns<LiveRun> runs;

    // Outlives the runs (late events of children still need it) until the outermost run ends;
    // bounded like them, in case that run never ends.
    private final LiveRuns<UUID> parents;

    private final Set<UUID> tapped = ConcurrentHashMap.newKeySet();

    /**
     * Creates a handler.
     * @param filter which events reach the sink
     * @param sink receives the events; see the class documentation for its contract
     */
    public EventStreamCallbackHandler(EventFilter filter, Consumer<? super StreamEvent> sink) {
        this(filter, sink, LiveRuns.DEFAULT_MAX_RUNS);
    }

    EventStreamCallbackHandler(EventFilter filter, Consumer<? super StreamEvent> sink, int maxLiveRuns) {
        this.filter = Objects.requireNonNull(filter, "filter must not be null; use EventFilter.all()");
        this.sink = new CancellableSink<>(sink, "the consumer of the stream events cancelled the run");
        this.runs = LiveRuns.<LiveRun>builder(OWNER).maxRuns(maxLiveRuns).maxBytes(MAX_LIVE_BYTES).build();
        // Links are counted apart: forgetting the link of a run that ended loses no event, so its
        // evictions must not read as lost runs.
        this.parents = LiveRuns.<UUID>builder(LINKS_OWNER).maxRuns(maxLiveRuns).build();
    }

    /** Returns how many runs are live here (tests). */
    int liveRunCount() {
        return this.runs.size();
    }

    private static String[] eventNames(String phase) {
        RunType[] types = RunType.values();
        String[] names = new String[types.length];
        for (RunType type : types) {
            names[type.ordinal()] = "on_" + type.value() + "_" + phase;
        }
        return names;
    }

    /**
     * Whether handler errors propagate: only once the sink has stopped the run, so that the
     * {@link CancellationException} thrown into the run reaches it through the dispatcher.
     */
    @Override
    public boolean raiseError() {
        return this.sink.isStopping();
    }

    // ---- chains, prompts, parsers -------------------------------------------------------------

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        try {
            boolean unknown = ChainInputs.isUnknown(inputs);
            LiveRun live = begin(run, unknown ? NO_INPUT : inputs);
            send(START[run.runType().ordinal()], live, unknown ? Map.of() : ReadOnlyMap.of("input", inputs), false);
        }
        catch (RuntimeException ex) {
            failed(CallbackEvent.CHAIN_START, ex);
        }
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        end(run, CallbackEvent.CHAIN_END, outputs, inputs);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        end(run, CallbackEvent.CHAIN_ERROR, error, null);
    }

    // ---- models -------------------------------------------------------------------------------

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        start(run, run.runType(), ReadOnlyMap.of("prompts", prompts), CallbackEvent.LLM_START);
    }

    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        start(run, RunType.CHAT_MODEL, ReadOnlyMap.of("messages", messages), CallbackEvent.CHAT_MODEL_START);
    }

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        try {
            UUID runId = run.runId();
            LiveRun live = this.runs.get(runId);
            if (live == null) {
                throw new IllegalStateException("token for run " + runId + ", which is not running");
            }
            if (this.tapped.contains(runId)) {
                return;
            }
            Object piece;
            if (live.run.runType() == RunType.CHAT_MODEL) {
                piece = (chunk instanceof ChatGenerationChunk generation) ? generation.message()
                        : (chunk instanceof ChatGeneration generation) ? generation.message()
                        : AIMessageChunk.of(token);
            }
            else {
                piece = (chunk instanceof GenerationChunk generation) ? generation : GenerationChunk.of(token);
            }
            send(STREAM[live.run.runType().ordinal()], live, ReadOnlyMap.of("chunk", piece), true);
        }
        catch (CancellationException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            failed(CallbackEvent.LLM_NEW_TOKEN, ex);
        }
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        end(run, CallbackEvent.LLM_END, response, null);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        end(run, CallbackEvent.LLM_ERROR, error, null);
    }

    private static Object modelOutput(RunType type, LLMResult response) {
        return (type == RunType.CHAT_MODEL) ? firstMessage(response) : llmOutput(response);
    }

    private static Object firstMessage(LLMResult response) {
        for (List<Generation> generations : response.generations()) {
            for (Generation generation : generations) {
                if (generation instanceof ChatGenerationChunk chunk) {
                    return chunk.message();
                }
                if (generation instanceof ChatGeneration chat) {
                    return chat.message();
                }
                return generation;
            }
        }
        return Map.of();
    }

    private static Object llmOutput(LLMResult response) {
        List<List<Map<String, Object>>> generations = new ArrayList<>(response.generations().size());
        for (List<Generation> perPrompt : response.generations()) {
            List<Map<String, Object>> rendered = new ArrayList<>(perPrompt.size());
            for (Generation generation : perPrompt) {
                LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
                map.put("text", generation.text());
                // Upstream's generation_info is None when the model gave none.
                map.put("generation_info", generation.generationInfo().isEmpty() ? null : generation.generationInfo());
                map.put("type", (generation instanceof TextGeneration) ? "Generation"
                        : generation.getClass().getSimpleName());
                rendered.add(ReadOnlyMap.adopt(map));
            }
            generations.add(Collections.unmodifiableList(rendered));
        }
        return ReadOnlyMap.of("generations", Collections.unmodifiableList(generations), "llm_output",
                response.llmOutput().orElse(null));
    }

    // ---- tools and retrievers -----------------------------------------------------------------

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        start(run, RunType.TOOL, inputs, CallbackEvent.TOOL_START);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        end(run, CallbackEvent.TOOL_END, output, null);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        end(run, CallbackEvent.TOOL_ERROR, error, null);
    }

    @Override
    public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        start(run, RunType.RETRIEVER, ReadOnlyMap.of("query", query), CallbackEvent.RETRIEVER_START);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        end(run, CallbackEvent.RETRIEVER_END, documents, null);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        end(run, CallbackEvent.RETRIEVER_ERROR, error, null);
    }

    // ---- custom events ------------------------------------------------------------------------

    @Override
    public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        try {
            List<String> tags = run.tags();
            // For custom events the filter's "type" is the event name, as upstream.
            if (!this.filter.includes(name, name, tags)) {
                return;
            }
            UUID runId = run.runId();
            LiveRun live = this.runs.get(runId);
            StreamEvent event;
            if (live != null) {
                event = new StreamEvent(StreamEvent.CUSTOM_EVENT, name, runId, live.parentIds(this),
                        live.customTags(tags), live.customMetadata(run.metadata()), data);
            }
            else {
                event = new StreamEvent(StreamEvent.CUSTOM_EVENT, name, runId, parentIdsOf(runId), tags,
                        run.metadata(), data);
            }
            deliver(event, true);
        }
        catch (CancellationException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            failed(CallbackEvent.CUSTOM_EVENT, ex);
        }
    }

    // ---- streamed output ----------------------------------------------------------------------

    /**
     * Passes a run's output through, emitting {@code on_<type>_stream} for every chunk when this
     * is the first tap of the run and the run is still going when its first chunk arrives. The
     * returned iterator closes {@code output} when closed.
     */
    @Override
    public <T> Iterator<T> tapOutputIterator(UUID runId, Iterator<T> output) {
        Objects.requireNonNull(runId, "runId must not be null");
        Objects.requireNonNull(output, "output must not be null");
        return new Tap<>(runId, output);
    }

    /** The stream events of one run's output. */
    private final class Tap<T> implements Iterator<T>, AutoCloseable {

        private final UUID runId;

        private final Iterator<T> output;

        private boolean started;

        private boolean claimed;

        private boolean first = true;

        private @Nullable LiveRun live;

        Tap(UUID runId, Iterator<T> output) {
            this.runId = runId;
            this.output = output;
        }

        private void claim() {
            if (!this.started) {
                // Claimed when first used, not when created: the outermost tap of a run is used
                // first, as upstream's generators are, and so it is the one that emits.
                this.started = true;
                this.claimed = EventStreamCallbackHandler.this.tapped.add(this.runId);
            }
        }

        @Override
        public boolean hasNext() {
            claim();
            return this.output.hasNext();
        }

        @Override
        public T next() {
            claim();
            T chunk = this.output.next();
            if (this.first) {
                this.first = false;
                // A run that already ended (a runnable that cannot stream ran to completion
                // before yielding) gets no stream events, as upstream.
                this.live = this.claimed ? EventStreamCallbackHandler.this.runs.get(this.runId) : null;
            }
            LiveRun run = this.live;
            if (run != null) {
                try {
                    send(STREAM[run.run.runType().ordinal()], run, ReadOnlyMap.of("chunk", chunk), true);
                }
                catch (CancellationException ex) {
                    throw ex;
                }
                catch (RuntimeException ex) {
                    this.live = null;
                    logger.debug("Stopped the stream events of run {}", this.runId, ex);
                }
            }
            return chunk;
        }

        @Override
        public void close() {
            ChannelSpliterator.Sneaky.closeIfCloseable(this.output);
        }
    }

    // ---- starts and ends -----------------------------------------------------------------------

    /** Emits {@code on_<type>_start} with {@code {input}} for a run that starts with these inputs. */
    private void start(RunInfo run, RunType type, Map<String, Object> inputs, CallbackEvent callback) {
        try {
            send(START[type.ordinal()], begin(run, inputs), ReadOnlyMap.of("input", inputs), false);
        }
        catch (RuntimeException ex) {
            failed(callback, ex);
        }
    }

    /**
     * Forgets a run that ended or failed, and emits what upstream emits for it: {@code on_<type>_end}
     * with {@code {output, input}}, {@code on_tool_error} with {@code {error, input}}, and nothing
     * for the errors of chains, models and retrievers. {@code result} is the end callback's output,
     * the error, or a model's {@code LLMResult}; {@code inputs} are those a chain end reports, or
     * {@code null} for those the start reported.
     */
    private void end(RunInfo run, CallbackEvent callback, @Nullable Object result, @Nullable Object inputs) {
        try {
            LiveRun live = this.runs.remove(run.runId());
            if (live == null) {
                return;
            }
            RunType type = live.run.runType();
            Object input = (inputs != null) ? inputs : live.knownInputs();
            switch (callback) {
                case CHAIN_END -> sendEnd(END[type.ordinal()], live, "output", result, input);
                case LLM_END -> sendEnd(END[type.ordinal()], live, "output", modelOutput(type, (LLMResult) result),
                        input);
                case TOOL_END -> sendEnd(END[RunType.TOOL.ordinal()], live, "output", result, input);
                case RETRIEVER_END -> sendEnd(END[RunType.RETRIEVER.ordinal()], live, "output", result, input);
                case TOOL_ERROR -> sendEnd("on_tool_error", live, "error", result, input);
                default -> {
                    // Chains, models and retrievers have no error event: the caller gets the exception.
                }
            }
            ended(live);
        }
        catch (RuntimeException ex) {
            failed(callback, ex);
        }
    }

    private void sendEnd(String event, LiveRun live, String key, @Nullable Object value, @Nullable Object input) {
        send(event, live, ReadOnlyMap.of(key, value, "input", input), false);
    }

    // ---- bookkeeping --------------------------------------------------------------------------

    private LiveRun begin(RunInfo run, @Nullable Object inputs) {
        UUID runId = run.runId();
        UUID parent = run.parentRunId();
        boolean topLevel = parent == null || !this.parents.contains(parent);
        this.parents.put(runId, (parent != null) ? parent : NO_PARENT);
        LiveRun live = new LiveRun(run, inputs, topLevel);
        this.runs.put(runId, live, ValueTruncator.estimateBytes(inputs));
        return live;
    }

    private void ended(LiveRun live) {
        // The parent map outlives runs (late events of children still need it), but not the
        // outermost run: once that is over, forget everything so a long-lived handler stays small.
        if (live.topLevel && this.runs.isEmpty()) {
            this.parents.clear();
            this.tapped.clear();
        }
        else {
            this.tapped.remove(live.run.runId());
        }
    }

    /** Ancestors of a run, root first; throws on a cycle (a run id reused by a descendant). */
    List<UUID> parentIdsOf(UUID runId) {
        UUID current = runId;
        List<UUID> chain = null;
        while (true) {
            UUID parent = this.parents.get(current);
            if (parent == null || parent.equals(NO_PARENT)) {
                break;
            }
            if (chain == null) {
                chain = new ArrayList<>(4);
            }
            else if (chain.contains(parent)) {
                throw new IllegalStateException("Parent run id " + parent + " is cyclic: a run id was reused by "
                        + "a run nested inside it");
            }
            chain.add(parent);
            current = parent;
        }
        if (chain == null) {
            return List.of();
        }
        Collections.reverse(chain);
        return List.copyOf(chain);
    }

    private void send(String event, LiveRun live, Object data, boolean abortable) {
        RunInfo run = live.run;
        if (!this.filter.includes(run.name(), run.runType().value(), run.tags())) {
            return;
        }
        deliver(new StreamEvent(event, run.name(), run.runId(), live.parentIds(this), live.tags(), live.metadata(),
                data), abortable);
    }

    private void deliver(StreamEvent item, boolean abortable) {
        this.sink.deliver(item, abortable);
    }

    private void failed(CallbackEvent event, RuntimeException error) {
        HandlerErrors.handle(this, event, error, false);
    }

    @Override
    public String toString() {
        return "EventStreamCallbackHandler[" + this.filter + "]";
    }

    /** What the handler knows of a run between its start and its end. */
    private static final class LiveRun {

        final RunInfo run;

        private final @Nullable Object inputs;

        final boolean topLevel;

        private volatile @Nullable List<UUID> parentIds;

        private volatile @Nullable List<String> tags;

        private volatile @Nullable Map<String, Object> metadata;

        /** The last custom-event tags and their immutable copy, swapped as one. */
        private volatile @Nullable Copy<List<String>> customTags;

        private volatile @Nullable Copy<Map<String, Object>> customMetadata;

        LiveRun(RunInfo run, @Nullable Object inputs, boolean topLevel) {
            this.run = run;
            this.inputs = inputs;
            this.topLevel = topLevel;
        }

        /** The start input, or {@code {}} when it was unknown or absent (upstream's {@code or {}}). */
        Object knownInputs() {
            Object known = this.inputs;
            return (known == NO_INPUT || known == null) ? Map.of() : known;
        }

        List<UUID> parentIds(EventStreamCallbackHandler handler) {
            List<UUID> ids = this.parentIds;
            if (ids == null) {
                ids = handler.parentIdsOf(this.run.runId());
                this.parentIds = ids;
            }
            return ids;
        }

        List<String> tags() {
            List<String> copy = this.tags;
            if (copy == null) {
                copy = List.copyOf(this.run.tags());
                this.tags = copy;
            }
            return copy;
        }

        Map<String, Object> metadata() {
            Map<String, Object> copy = this.metadata;
            if (copy == null) {
                copy = ReadOnlyMap.copyOf(this.run.metadata());
                this.metadata = copy;
            }
            return copy;
        }

        List<String> customTags(List<String> source) {
            Copy<List<String>> cached = this.customTags;
            if (cached != null && (cached.source == source || cached.copy.equals(source))) {
                return cached.copy;
            }
            List<String> copy = List.copyOf(source);
            this.customTags = new Copy<>(source, copy);
            return copy;
        }

        Map<String, Object> customMetadata(Map<String, Object> source) {
            Copy<Map<String, Object>> cached = this.customMetadata;
            if (cached != null && (cached.source == source || cached.copy.equals(source))) {
                return cached.copy;
            }
            Map<String, Object> copy = ReadOnlyMap.copyOf(source);
            this.customMetadata = new Copy<>(source, copy);
            return copy;
        }
    }

    /** A value and the immutable copy made of it. */
    private record Copy<T>(T source, T copy) {
    }
}
