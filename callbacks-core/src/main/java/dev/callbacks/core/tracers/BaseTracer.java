package dev.callbacks.core.tracers;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.internal.UtcTimestamps;
import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.bounds.ValueTruncator;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Messages;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A callback handler that records runs as trees of {@link Run}s (upstream's {@code BaseTracer}).
 * Subclasses decide what to do with them: {@link #persistRun} receives every finished root run
 * (with its whole tree), {@link #onRunCreate} and {@link #onRunUpdate} every run as it starts and
 * as it ends.
 *
 * <h2>Bookkeeping</h2>
 * A run that starts is registered as live. If its parent is known to this tracer (live, or ended
 * with its order entry still kept), it joins the parent's trace (same trace id, the parent's
 * dotted order as prefix, the next execution order) and is appended to the parent's children while
 * the parent is live; otherwise it becomes a root, its parent id is dropped (logged at debug), as
 * upstream does. A run that ends is completed; if it is a root it is handed to {@link #persistRun};
 * it leaves the live runs; then {@link #onRunUpdate} sees it. Only roots are persisted, so a
 * subtree whose parent is unknown is persisted on its own.
 *
 * <p>Runs that never end would leak in a long-lived tracer, so the live runs and the order entries
 * (the dotted orders that let children of ended runs still join their trace) are bounded by
 * {@link TracerOptions}. Live runs follow the library's one policy ({@link LiveRuns}, owner
 * {@value #OWNER}): a live run older than the maximum age, or the oldest live run when there are
 * too many or their estimated bytes exceed the bound, is evicted, {@linkplain #evictedRunCount()
 * counted} and logged at WARN the first time; a later event of an evicted run fails with
 * {@link TracerException}. Recorded inputs, outputs and error texts have every string value cut to
 * {@link TracerOptions#maxValueLength()} characters by {@link ValueTruncator}. The order entries of
 * a trace are dropped when its root ends (or is evicted); those of ended runs are also dropped,
 * oldest first, once older than the maximum age or beyond their own bound (live runs keep theirs),
 * and {@linkplain #evictedOrderEntryCount() counted}. A run whose parent's entry is gone starts
 * a new trace. The bounds are applied when runs start and end, never on token or retry events.
 *
 * <h2>Payloads</h2>
 * <ul>
 * <li>LLM runs: inputs {@code {"prompts": [...]}}, outputs {@code {"generations": [[...]], "llm_output": {...}}},
 * the invocation parameters in {@code extra.invocation_params}.</li>
 * <li>Chat-model runs: by default recorded through the LLM fallback (run type {@code llm},
 * inputs {@code {"prompts": ["Human: ..."]}}), as upstream's "original" schema; a tracer that opts
 * in with {@link #recordsChatModelRuns()} (upstream's "original+chat") records run type
 * {@link #chatModelRunType()} with inputs {@code {"messages": [[...]]}}; outputs as LLM runs.</li>
 * <li>Chains, prompts and parsers: a map input as it is, anything else as {@code {"input": x}};
 * outputs likewise under {@code "output"}; inputs given with the end event replace the start's.</li>
 * <li>Tools: inputs {@code {"input": text}}, plus {@code "inputs"} when the tool had structured
 * inputs; outputs {@code {"output": x}}.</li>
 * <li>Retrievers: inputs {@code {"query": q}}, outputs {@code {"documents": [...]}}.</li>
 * <li>Errors: the exception's {@code toString()} followed by its stack trace.</li>
 * <li>Events: {@code start}, {@code new_token} (token and chunk), {@code retry}, then {@code end}
 * or {@code error}.</li>
 * </ul>
 * Ending an unknown run, or a run of the wrong kind for the event, throws {@link TracerException},
 * which the dispatcher logs. Thread-safe: runs of many traces may be recorded concurrently; the
 * events of one run are expected in order.
 *
 * <p>Long on purpose: it is upstream's BaseTracer, one start and one end or error hook per run type
 * over one bounded tree of runs; subclasses override only the persist and on-run hooks.
 */
public abstract class BaseTracer implements CallbackHandler {

    private static final Logger logger = LoggerFactory.getLogger(BaseTracer.class);

    private static final Set<String> CHAIN_TYPES = Set.of("chain", "prompt", "parser");

    private static final Set<String> LLM_TYPES = Set.of("llm", "chat_model");

    private static final Set<String> TOOL_TYPES = Set.of("tool");

    private static final Set<String> RETRIEVER_TYPES = Set.of("retriever");

    /** A trace as this tracer knows it: its root id, its run count and the order entries below its root. */
    static final class Trace {

        private static final AtomicIntegerFieldUpdater<Trace> RUNS = AtomicIntegerFieldUpdater.newUpdater(Trace.class,
                "runs");

        final UUID id;

        private volatile int runs;

        /** Set when the root ends or is evicted: no later run joins the trace or keeps an entry in it. */
        volatile boolean closed;

        /**
         * The order entries of the trace's runs below the root, to drop them when the root ends;
         * made when the first run below the root ends, so that a trace of one run costs no set.
         */
        private volatile @Nullable Set<Entry> members;

        Trace(UUID id) {
            this.id = id;
        }

        int nextExecutionOrder() {
            return RUNS.incrementAndGet(this);
        }

        void add(Entry member) {
            Set<Entry> set = this.members;
            if (set == null) {
                synchronized (this) {
                    set = this.members;
                    if (set == null) {
                        set = ConcurrentHashMap.newKeySet();
                        this.members = set;
                    }
                }
            }
            set.add(member);
        }

        void remove(Entry member) {
            Set<Entry> set = this.members;
            if (set != null) {
                set.remove(member);
            }
        }

        /** Returns the members, or {@code null} when no run below the root has started. */
        @Nullable Set<Entry> members() {
            return this.members;
        }
    }

    /** The order entry of one run: its trace and dotted order. */
    static final class Entry {

        final UUID id;

        final Trace trace;

        final String dottedOrder;

        final Instant started;

        Entry(UUID id, Trace trace, String dottedOrder, Instant started) {
            this.id = id;
            this.trace = trace;
            this.dottedOrder = dottedOrder;
            this.started = started;
        }
    }

    private final TracerOptions options;

    /** The owner name of the tracers' {@link LiveRuns}, under which their evictions are counted. */
    public static final String OWNER = "tracer";

    // A run's fixed cost in the byte estimate of the live runs, beyond its inputs.
    private static final long RUN_BYTES = 512;

    private final LiveRuns<Run> runMap;

    private final ValueTruncator truncator;

    /** The order entries of ended runs whose trace is open; a live run's entry is found through the live runs. */
    private final ConcurrentHashMap<UUID, Entry> orderMap = new ConcurrentHashMap<>();

    /** Entries of ended runs whose trace is still open, oldest first, to bound the order entries. */
    private final BoundedQueue ended = new BoundedQueue();

    private final ReentrantLock maintenance = new ReentrantLock();

    /** Order entries of ended runs dropped by the age or count bound while their trace was open. */
    private final LongAdder orderEntryEvictions = new LongAdder();

    private final AtomicBoolean orderEvictionLogged = new AtomicBoolean();

    /** Creates a tracer with the {@linkplain TracerOptions#defaults() default} bounds. */
    protected BaseTracer() {
        this(TracerOptions.defaults());
    }

    /** Creates a tracer with the given bounds and clock. */
    protected BaseTracer(TracerOptions options) {
        this.options = Objects.requireNonNull(options, "options must not be null; use TracerOptions.defaults()");
        this.truncator = ValueTruncator.ofMaxLength(options.maxValueLength());
        InstantSource clock = options.clock();
        this.runMap = LiveRuns.<Run>builder(OWNER)
            .maxRuns(options.maxLiveRuns())
            .maxBytes(options.maxLiveBytes())
            .maxAge(options.maxRunAge())
            .nanoClock(() -> epochNanos(clock.instant()))
            .onEviction((id, run, reason) -> evicted(run))
            .build();
    }

    // ---------------------------------------------------------------- hooks for subclasses

    /**
     * Receives every root run when it ends, with its whole tree (upstream's {@code _persist_run}).
     * Called on the thread that ended the run, before {@link #onRunUpdate}.
     */
    protected abstract void persistRun(Run run);

    /** Called when a run has started and been registered. Does nothing by default. */
    protected void onRunCreate(Run run) {
    }

    /**
     * Called when a run has ended (check {@link Run#isError()}), after a root was persisted and the
     * run left the live runs. Does nothing by default.
     */
    protected void onRunUpdate(Run run) {
    }

    /**
     * Whether chat-model starts are recorded as chat runs with messages (true, upstream's
     * "original+chat" schema), or as LLM runs with the messages rendered as prompts
     * ({@code "Human: ..."}), the fallback of upstream's default "original" schema. False unless
     * a tracer opts in, as upstream.
     */
    protected boolean recordsChatModelRuns() {
        return false;
    }

    /** The run type of recorded chat-model runs: {@code chat_model} unless a subclass says otherwise. */
    protected String chatModelRunType() {
        return "chat_model";
    }

    /**
     * Returns the event to record for a streamed token, or {@code null} to record none; by default a
     * {@link RunEvent#newToken} event with the chunk.
     */
    protected @Nullable RunEvent newTokenEvent(Run run, Instant time, String token, @Nullable Generation chunk) {
        return RunEvent.newToken(time, token, chunk);
    }

    // ---------------------------------------------------------------- introspection

    /** Returns the bounds and clock of this tracer. */
    public TracerOptions options() {
        return this.options;
    }

    /** Returns how many runs are live (started, not ended, not evicted). */
    public int liveRunCount() {
        return this.runMap.size();
    }

    /**
     * Returns how many order entries are kept: one per live run, plus those of ended runs whose
     * trace is still open (bounded by {@link TracerOptions#maxOrderEntries()}).
     */
    public int orderEntryCount() {
        return this.orderMap.size() + this.runMap.size();
    }

    /**
     * Returns how many order entries of ended runs were dropped by the age or count bound while
     * their trace was still open: a late child of such a run starts a trace of its own.
     */
    public long evictedOrderEntryCount() {
        return this.orderEntryEvictions.sum();
    }

    /** Returns how many live runs have been evicted as stale since this tracer was created. */
    public long evictedRunCount() {
        return this.runMap.evictionCount();
    }

    /** Returns the estimated size of the live runs in bytes (their inputs at their start). */
    public long liveRunBytes() {
        return this.runMap.sizeBytes();
    }

    /** Returns the live run with this id, if any. */
    protected Optional<Run> liveRun(UUID runId) {
        return Optional.ofNullable(this.runMap.get(runId));
    }

    /** Returns the ancestors of a run that are still live, nearest first (upstream's {@code get_parents}). */
    protected List<Run> liveParents(Run run) {
        List<Run> parents = new ArrayList<>(4);
        UUID parentId = run.parentRunId();
        // The depth bound only guards against a corrupted chain; real trees are far shallower.
        while (parentId != null && parents.size() < 10_000) {
            Run parent = this.runMap.get(parentId);
            if (parent == null) {
                break;
            }
            parents.add(parent);
            parentId = parent.parentRunId();
        }
        return parents;
    }

    // ---------------------------------------------------------------- CallbackHandler

    @Override
    public final void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        startLlm(run, serialized, prompts, invocationParams);
    }

    @Override
    public final void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        if (!recordsChatModelRuns()) {
            startLlm(run, serialized, messages.stream().map(Messages::bufferString).toList(), invocationParams);
            return;
        }
        List<List<BaseMessage>> copy = new ArrayList<>(messages.size());
        for (List<BaseMessage> list : messages) {
            copy.add(List.copyOf(list));
        }
        startRun(run, chatModelRunType(), serialized, Payloads.single("messages", List.copyOf(copy)), false,
                modelExtra(invocationParams));
    }

    private void startLlm(RunInfo run, Serialized serialized, List<String> prompts, Map<String, Object> params) {
        startRun(run, "llm", serialized, Payloads.single("prompts", List.copyOf(prompts)), false, modelExtra(params));
    }

    @Override
    public final void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        Run llmRun = requireRun(run.runId(), "onLlmNewToken", LLM_TYPES);
        RunEvent event = newTokenEvent(llmRun, now(), token, chunk);
        if (event != null) {
            llmRun.addEvent(event);
        }
    }

    @Override
    public final void onLlmEnd(RunInfo run, LLMResult response) {
        Run llmRun = requireRun(run.runId(), "onLlmEnd", LLM_TYPES);
        complete(llmRun, llmOutputs(response), null);
    }

    @Override
    public final void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        Run llmRun = requireRun(run.runId(), "onLlmError", LLM_TYPES);
        complete(llmRun, partialResponse.generations().isEmpty() ? null : llmOutputs(partialResponse), error);
    }

    @Override
    public final void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        startRun(run, run.runType().value(), serialized, Payloads.wrap("input", inputs), ChainInputs.isUnknown(inputs),
                Map.of());
    }

    @Override
    public final void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        Run chainRun = requireRun(run.runId(), "onChainEnd", CHAIN_TYPES);
        if (inputs != null) {
            chainRun.setInputs(truncated(Payloads.wrap("input", inputs)));
        }
        complete(chainRun, Payloads.wrap("output", outputs), null);
    }

    @Override
    public final void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        Run chainRun = requireRun(run.runId(), "onChainError", CHAIN_TYPES);
        if (inputs != null) {
            chainRun.setInputs(truncated(Payloads.wrap("input", inputs)));
        }
        complete(chainRun, null, error);
    }

    @Override
    public final void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        Map<String, @Nullable Object> toolInputs;
        if (inputs.isEmpty()) {
            toolInputs = Payloads.single("input", inputStr);
        }
        else {
            Map<String, @Nullable Object> both = new LinkedHashMap<>(4);
            both.put("input", inputStr);
            both.put("inputs", Payloads.freeze(inputs));
            toolInputs = Collections.unmodifiableMap(both);
        }
        startRun(run, "tool", serialized, toolInputs, false, Map.of());
    }

    @Override
    public final void onToolEnd(RunInfo run, @Nullable Object output) {
        complete(requireRun(run.runId(), "onToolEnd", TOOL_TYPES), Payloads.single("output", output), null);
    }

    @Override
    public final void onToolError(RunInfo run, Throwable error) {
        complete(requireRun(run.runId(), "onToolError", TOOL_TYPES), null, error);
    }

    @Override
    public final void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        startRun(run, "retriever", serialized, Payloads.single("query", query), false, Map.of());
    }

    @Override
    public final void onRetrieverEnd(RunInfo run, List<Document> documents) {
        complete(requireRun(run.runId(), "onRetrieverEnd", RETRIEVER_TYPES),
                Payloads.single("documents", List.copyOf(documents)), null);
    }

    @Override
    public final void onRetrieverError(RunInfo run, Throwable error) {
        complete(requireRun(run.runId(), "onRetrieverError", RETRIEVER_TYPES), null, error);
    }

    @Override
    public final void onRetry(RunInfo run, RetryState retryState) {
        requireRun(run.runId(), "onRetry", null).addEvent(RunEvent.retry(now(), retryState));
    }

    // ---------------------------------------------------------------- bookkeeping

    private Run startRun(RunInfo info, String runType, Serialized serialized, Map<String, @Nullable Object> inputs,
            boolean deferredInputs, Map<String, @Nullable Object> extra) {
        UUID id = info.runId();
        inputs = truncated(inputs);
        if (this.runMap.contains(id)) {
            throw new TracerException("Run " + id + " (" + runType + ":" + info.name()
                    + ") has already started on this tracer; a run id must not be reused while its run is live");
        }
        Instant start = now();
        String segment = UtcTimestamps.dottedSegment(start, id);
        UUID parentId = info.parentRunId();
        // A live parent is found among the live runs; only ended ones keep an order entry of their own.
        Run parent = (parentId != null) ? this.runMap.get(parentId) : null;
        Entry parentEntry = (parent != null) ? parent.entry : (parentId != null) ? this.orderMap.get(parentId) : null;
        Trace trace;
        String dottedOrder;
        DistributedTrace.Parent remote = null;
        if (parentEntry != null) {
            trace = parentEntry.trace;
            dottedOrder = parentEntry.dottedOrder + "." + segment;
        }
        else {
            if (parentId != null) {
                logger.debug("Parent run {} of run {} ({}:{}) is unknown to this tracer; recording it as a root",
                        parentId, id, runType, info.name());
                parentId = null;
            }
            remote = DistributedTrace.CURRENT.get();
            // A root continuing a trace from another process: that trace's id and order prefix.
            trace = new Trace((remote != null) ? remote.traceId() : id);
            dottedOrder = (remote != null) ? remote.dottedOrder() + "." + segment : segment;
        }
        Entry entry = new Entry(id, trace, dottedOrder, start);
        Run run = new Run(entry, parentId, trace.nextExecutionOrder(), runType, info.name(), serialized, start,
                inputs, deferredInputs, info.tags(), info.metadata(), extra);
        if (remote != null) {
            run.continueRemote(remote);
        }
        if (parent != null) {
            parent.addChild(run);
        }
        // Added last: the bound may evict this run's oldest ancestors, which must know it by then.
        this.runMap.putStartedAt(id, run, RUN_BYTES + ValueTruncator.estimateBytes(inputs), epochNanos(start));
        onRunCreate(run);
        return run;
    }

    private Run requireRun(UUID runId, String event, @Nullable Set<String> expectedTypes) {
        Run run = this.runMap.get(runId);
        if (run == null) {
            throw new TracerException("No live run with id " + runId + " for " + event
                    + ": it never started on this tracer, has already ended, or was evicted as stale ("
                    + evictedRunCount() + " evicted so far)");
        }
        if (expectedTypes != null && !expectedTypes.contains(run.runType())) {
            throw new TracerException("Found " + run.runType() + " run at id " + runId + ", but " + event
                    + " expects a run of type " + String.join(" or ", new TreeSet<>(expectedTypes)));
        }
        return run;
    }

    private void complete(Run run, @Nullable Map<String, @Nullable Object> outputs, @Nullable Throwable error) {
        String errorText = (error != null) ? this.truncator.truncate(errorText(error)) : null;
        if (!run.complete(now(), truncated(outputs), errorText)) {
            throw new TracerException(
                    "Run " + run.id() + " (" + run.runType() + ":" + run.name() + ") has already ended");
        }
        Entry entry = run.entry;
        try {
            if (run.isRoot()) {
                persistRun(run);
            }
        }
        finally {
            this.runMap.remove(run.id());
            if (run.isRoot()) {
                forgetTrace(entry);
            }
            else if (!entry.trace.closed) {
                // Kept so that late children of this run still join the trace, within the bounds.
                this.orderMap.put(entry.id, entry);
                entry.trace.add(entry);
                if (entry.trace.closed) {
                    // The root ended meanwhile and may have missed this entry.
                    forget(entry);
                }
                else {
                    this.ended.add(entry);
                    maintain(end(run));
                }
            }
        }
        onRunUpdate(run);
    }

    /** Drops the order entries of a trace whose root is done: no later run can join it. */
    private void forgetTrace(Entry root) {
        root.trace.closed = true;
        Set<Entry> members = root.trace.members();
        if (members != null) {
            Iterator<Entry> iterator = members.iterator();
            while (iterator.hasNext()) {
                Entry member = iterator.next();
                this.orderMap.remove(member.id, member);
                iterator.remove();
            }
        }
    }

    private static Instant end(Run run) {
        return run.endTime().orElse(run.startTime());
    }

    /**
     * Applies the bounds. One thread maintains at a time and the others carry on, so the bounds
     * may be exceeded briefly by the runs started concurrently.
     */
    private void maintain(Instant now) {
        if (!this.maintenance.tryLock()) {
            return;
        }
        try {
            Instant oldest = now.minus(this.options.maxRunAge());
            expireOrderEntries(oldest);
            if (this.ended.size() > 2L * this.orderMap.size() + 1024) {
                this.ended.removeIf((entry) -> this.orderMap.get(entry.id) != entry);
            }
        }
        finally {
            this.maintenance.unlock();
        }
    }

    /**
     * Drops the order entries of ended runs, oldest first, while one is too old or there are too
     * many; skips those of closed traces. Live runs keep theirs: they are bounded by the live bound.
     */
    private void expireOrderEntries(Instant oldest) {
        for (;;) {
            Entry head = this.ended.peek();
            if (head == null) {
                return;
            }
            boolean kept = this.orderMap.get(head.id) == head;
            if (kept && !head.started.isBefore(oldest) && orderEntryCount() <= this.options.maxOrderEntries()) {
                return;
            }
            this.ended.poll();
            if (kept) {
                forget(head);
                orderEntryEvicted(head);
            }
        }
    }

    private void orderEntryEvicted(Entry entry) {
        this.orderEntryEvictions.increment();
        if (this.orderEvictionLogged.compareAndSet(false, true)) {
            logger.warn("Dropped the order entry of ended run {} of trace {} (older than {} or more than {} entries); "
                    + "a late child of such a run starts a trace of its own. Further drops are counted in "
                    + "evictedOrderEntryCount() and not logged", entry.id, entry.trace.id, this.options.maxRunAge(),
                    this.options.maxOrderEntries());
        }
    }

    /** Releases what an evicted live run holds: its order entry, or its trace if it is a root. */
    private void evicted(Run run) {
        Entry entry = run.entry;
        if (run.isRoot()) {
            forgetTrace(entry);
        }
        else {
            forget(entry);
        }
    }

    private <T> @Nullable T truncated(@Nullable T payload) {
        @SuppressWarnings("unchecked")
        T cut = (T) this.truncator.truncateValue(payload);
        return cut;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private void forget(Entry entry) {
        if (this.orderMap.remove(entry.id, entry)) {
            entry.trace.remove(entry);
        }
    }

    /** A FIFO of entries with a size counter; polled and compacted only under the maintenance lock. */
    private static final class BoundedQueue {

        private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

        private final AtomicInteger size = new AtomicInteger();

        void add(Entry entry) {
            this.entries.add(entry);
            this.size.incrementAndGet();
        }

        @Nullable Entry peek() {
            return this.entries.peek();
        }

        void poll() {
            if (this.entries.poll() != null) {
                this.size.decrementAndGet();
            }
        }

        int size() {
            return this.size.get();
        }

        void removeIf(Predicate<Entry> stale) {
            Iterator<Entry> iterator = this.entries.iterator();
            while (iterator.hasNext()) {
                if (stale.test(iterator.next())) {
                    iterator.remove();
                    this.size.decrementAndGet();
                }
            }
        }
    }

    /** The clock's time cut to microseconds, LangSmith's precision. */
    private Instant now() {
        Instant time = this.options.clock().instant();
        int nanos = time.getNano();
        return (nanos % 1_000 == 0) ? time : Instant.ofEpochSecond(time.getEpochSecond(), nanos - nanos % 1_000);
    }

    // ---------------------------------------------------------------- payload helpers

    private static Map<String, @Nullable Object> modelExtra(Map<String, Object> invocationParams) {
        return invocationParams.isEmpty() ? Map.of()
                : Payloads.single("invocation_params", Payloads.freeze(invocationParams));
    }

    private static Map<String, @Nullable Object> llmOutputs(LLMResult result) {
        Map<String, @Nullable Object> outputs = new LinkedHashMap<>(4);
        outputs.put("generations", result.generations());
        outputs.put("llm_output", result.llmOutput().orElse(null));
        return Collections.unmodifiableMap(outputs);
    }

    /** Upstream's error text: the exception, then its stack trace (which repeats it as first line). */
    static String errorText(Throwable error) {
        StringWriter trace = new StringWriter(1024);
        try (PrintWriter writer = new PrintWriter(trace)) {
            error.printStackTrace(writer);
        }
        catch (RuntimeException ex) {
            return String.valueOf(error);
        }
        String text = trace.toString().strip();
        String head = String.valueOf(error);
        if (text.startsWith(head)) {
            return text;
        }
        return head + "\n" + text;
    }
}
