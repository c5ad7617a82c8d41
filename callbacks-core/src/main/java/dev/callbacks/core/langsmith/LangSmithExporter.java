package dev.callbacks.core.langsmith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.callbacks.core.langsmith.LangSmithClient.ServerLimits;
import dev.callbacks.core.tracers.DistributedTrace;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunEvent;
import dev.callbacks.core.tracers.RunExporter;
import dev.callbacks.core.tracers.RunSnapshot;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the runs a {@link dev.callbacks.core.tracers.LangChainTracer} reports to LangSmith, as the
 * official SDKs do, without ever getting in the traced code's way:
 * <ul>
 * <li>the caller's thread only offers the run to a bounded queue
 * ({@link LangSmithSettings#maxQueuedOperations()}); no copy, no I/O, no serialisation;</li>
 * <li>a writer thread reads each run (as started for a post, as ended for a patch), serialises
 * it into a byte-bounded buffer
 * ({@link LangSmithSettings#maxQueuedBytes()}), merging a run's end into its start while the start
 * is still queued (one post with its end instead of a post and a patch);</li>
 * <li>a sender thread sends batches of up to 100 operations or 20 MiB after at most 250 ms to
 * {@code POST /runs/multipart} (to {@code /runs/batch} for good after a 404), having read the
 * server's limits from {@code GET /info} once, and retries connection errors, 408, 425, 429
 * (honouring {@code Retry-After}) and 5xx with exponential backoff and jitter for as long as the
 * run age limit allows; 409 counts as delivered;</li>
 * <li>whatever cannot be kept or sent is dropped, {@linkplain DropReason counted} and logged once
 * per burst; {@link #close()} flushes within the close timeout and counts what is left.</li>
 * </ul>
 * A chain whose inputs were deferred is posted once, complete, at its end (upstream skips its
 * start). Thread-safe. Use one exporter per process and endpoint; close it on shutdown.
 *
 * <p>Long on purpose: it owns the exporter's whole lifecycle (enqueue, batching, sending, retries,
 * fallback endpoint, shutdown drain), whose threads share one state; the request bodies are built
 * in IngestBodies and OperationWriter.
 */
public final class LangSmithExporter implements RunExporter, AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LangSmithExporter.class);

    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final LangSmithSettings settings;

    private final ArrayBlockingQueue<Captured> intake;

    private final PendingOperations pending;

    private final ExportCounters counters = new ExportCounters();

    private final OperationWriter writer;

    private final LangSmithClient client;

    private final ExecutorService httpExecutor;

    private final Thread writerThread;

    private final Thread senderThread;

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Submitted operations the writer is done with (written or dropped); flush waits for it first. */
    private final AtomicLong processed = new AtomicLong();

    private final Object retryWait = new Object();

    private volatile boolean stopping;

    private volatile boolean multipart = true;

    private volatile @Nullable String lastError;

    private volatile boolean failing;

    private @Nullable ServerLimits limits;

    /**
     * A run as the caller's thread hands it over: the live run itself, read by the writer thread.
     * A run's fields are published safely and the tracer changes none of them after reporting its
     * end, so the writer reads at a patch what the caller would have read; for a post it reads the
     * run without its end time, outputs, error and end event ({@link #started}), even if it has
     * ended since (its metadata may already carry what the end added, which the patch sends
     * anyway). Snapshotting on the caller's thread would cost it two copies per run.
     */
    private record Captured(boolean post, Run run, long nanos) {
    }

    /** Creates an exporter and starts its two background threads. */
    public LangSmithExporter(LangSmithSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.intake = new ArrayBlockingQueue<>(settings.maxQueuedOperations());
        this.pending = new PendingOperations(settings.maxQueuedBytes());
        this.writer = new OperationWriter(settings);
        int instance = INSTANCES.incrementAndGet();
        this.httpExecutor = Executors.newCachedThreadPool((task) -> daemon(task, "langsmith-http-" + instance));
        this.client = new LangSmithClient(settings, this.httpExecutor);
        this.writerThread = daemon(this::writeLoop, "langsmith-writer-" + instance);
        this.senderThread = daemon(this::sendLoop, "langsmith-sender-" + instance);
        this.writerThread.start();
        this.senderThread.start();
    }

    private static Thread daemon(java.lang.Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Returns the settings (their {@code toString()} hides the API key). */
    public LangSmithSettings settings() {
        return this.settings;
    }

    @Override
    public void exportStarted(Run run) {
        // A deferred-input chain is reported here at its end, complete: posted once, never patched.
        submit(true, run);
    }

    @Override
    public void exportFinished(Run run) {
        if (!run.deferredInputs()) {
            submit(false, run);
        }
    }

    private void submit(boolean post, Run run) {
        this.counters.submitted();
        if (this.closed.get()) {
            this.counters.dropped(DropReason.SHUTDOWN, 1, "the exporter is closed");
            this.processed.incrementAndGet();
            return;
        }
        if (!this.intake.offer(new Captured(post, run, System.nanoTime()))) {
            this.counters.dropped(DropReason.QUEUE_FULL, 1,
                    "more than " + this.settings.maxQueuedOperations() + " operations waiting to be written");
            this.processed.incrementAndGet();
        }
    }

    private void writeLoop() {
        while (!this.stopping) {
            Captured captured;
            try {
                captured = this.intake.poll(IDLE_WAIT_NANOS, TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                return;
            }
            if (captured != null) {
                write(captured);
                this.processed.incrementAndGet();
            }
        }
    }

    private void write(Captured captured) {
        Run run = captured.run();
        RunOperation op;
        try {
            RunSnapshot snapshot = run.shallowSnapshot();
            // A deferred-input chain is posted once, at its end, complete; any other post is its start.
            if (captured.post() && !run.deferredInputs()) {
                snapshot = started(snapshot);
            }
            op = this.writer.write(captured.post(), snapshot, captured.post() ? run.serialized() : null,
                    run.remoteParent().map(DistributedTrace.Parent::parentRunId).orElse(null), captured.nanos());
        }
        catch (RuntimeException ex) {
            this.counters.dropped(DropReason.WRITE_FAILED, 1, "run " + run.id() + " could not be written ("
                    + ex.getClass().getName() + ": " + ex.getMessage() + ")");
            return;
        }
        if (!this.pending.add(op)) {
            this.counters.dropped(DropReason.QUEUE_FULL, op.units,
                    "more than " + this.settings.maxQueuedBytes() + " bytes waiting to be sent");
        }
    }

    /** The run as a post at its start sends it: without what its end brought, even if it has ended since. */
    private static RunSnapshot started(RunSnapshot run) {
        if (run.endTime() == null) {
            return run;
        }
        List<RunEvent> events = new ArrayList<>(run.events().size());
        for (RunEvent event : run.events()) {
            if (!RunEvent.END.equals(event.name()) && !RunEvent.ERROR.equals(event.name())) {
                events.add(event);
            }
        }
        return new RunSnapshot(run.id(), run.traceId(), run.dottedOrder(), run.parentRunId(), run.executionOrder(),
                run.runType(), run.name(), run.startTime(), null, run.inputs(), Map.of(), null, run.tags(),
                run.metadata(), run.extra(), events, run.childRuns(), run.sessionName(), run.referenceExampleId());
    }

    private void sendLoop() {
        long interval = this.settings.flushInterval().toNanos();
        while (!this.stopping) {
            List<RunOperation> batch;
            try {
                batch = this.pending.take(batchSize(), batchBytes(), interval, IDLE_WAIT_NANOS);
            }
            catch (InterruptedException ex) {
                return;
            }
            if (!batch.isEmpty()) {
                try {
                    deliver(new ArrayList<>(batch));
                }
                finally {
                    this.pending.release(batch);
                }
            }
        }
    }

    private int batchSize() {
        ServerLimits server = this.limits;
        int size = this.settings.batchSize();
        return (server != null) ? Math.min(size, server.sizeLimit().orElse(size)) : size;
    }

    private long batchBytes() {
        ServerLimits server = this.limits;
        long bytes = this.settings.batchBytes();
        return (server != null) ? Math.min(bytes, server.sizeLimitBytes().orElse(bytes)) : bytes;
    }

    /** Sends one batch until it is delivered, rejected, expired, or the exporter stops. */
    private void deliver(List<RunOperation> batch) {
        readLimitsOnce();
        int attempt = 0;
        while (!batch.isEmpty() && !this.stopping) {
            SendResult result = this.client.ingest(batch, this.multipart);
            switch (result.outcome()) {
                case DELIVERED -> {
                    this.failing = false;
                    this.counters.delivered(units(batch));
                    return;
                }
                case MULTIPART_NOT_FOUND -> {
                    this.multipart = false;
                    logger.info("LangSmith at {} has no /runs/multipart ({}); sending to /runs/batch from now on",
                            this.settings.endpoint(), result.message());
                }
                case REJECTED -> {
                    this.failing = true;
                    this.lastError = result.message();
                    this.counters.dropped(DropReason.REJECTED, units(batch),
                            "LangSmith at " + this.settings.endpoint() + " answered " + result.message());
                    return;
                }
                case RETRY -> {
                    this.failing = true;
                    this.lastError = result.message();
                    Duration wait = backoff(attempt++, result.retryAfter());
                    expire(batch, wait);
                    if (!batch.isEmpty() && !sleep(wait)) {
                        return;
                    }
                }
            }
        }
    }

    /** Drops the operations that would be older than the run age limit by the end of the next wait. */
    private void expire(List<RunOperation> batch, Duration wait) {
        long limit = this.settings.maxRunAge().toNanos();
        long then = System.nanoTime() + wait.toNanos();
        int expired = 0;
        for (Iterator<RunOperation> it = batch.iterator(); it.hasNext();) {
            RunOperation op = it.next();
            if (then - op.enqueuedNanos > limit) {
                it.remove();
                expired += op.units;
            }
        }
        if (expired > 0) {
            this.counters.dropped(DropReason.EXPIRED, expired, "not delivered within " + this.settings.maxRunAge()
                    + " (last error: " + this.lastError + ")");
        }
    }

    private Duration backoff(int attempt, @Nullable Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long cap = this.settings.maxBackoff().toNanos();
        long base = this.settings.initialBackoff().toNanos();
        long exponential = (attempt >= 30) ? cap : Math.min(cap, base << attempt);
        // "Equal jitter": at least half the backoff, so retries neither stampede nor spin.
        long half = exponential / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** Waits between retries; false when the exporter is stopping. */
    private boolean sleep(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this.retryWait) {
            while (!this.stopping) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this.retryWait, remaining);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private void readLimitsOnce() {
        if (this.limits != null) {
            return;
        }
        try {
            this.limits = this.client.info();
        }
        catch (java.io.IOException ex) {
            // No answer: ask again before the next batch; the defaults apply meanwhile.
            logger.debug("GET {}/info failed: {}", this.settings.endpoint(), ex.toString());
        }
    }

    private static int units(List<RunOperation> batch) {
        int units = 0;
        for (RunOperation op : batch) {
            units += op.units;
        }
        return units;
    }

    /**
     * Sends everything submitted so far, waiting at most {@code timeout}.
     * @return true when all of it was delivered or dropped in time
     */
    public boolean flush(Duration timeout) {
        long target = this.counters.submittedCount();
        long deadline = System.nanoTime() + timeout.toNanos();
        // Let the writer catch up first, so that a run's end still merges into its queued start.
        while (this.processed.get() < target && deadline - System.nanoTime() > 0 && !this.stopping) {
            LockSupport.parkNanos(200_000);
        }
        this.pending.hurry();
        try {
            return this.counters.awaitSettled(target, deadline);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            this.pending.relax();
        }
    }

    /**
     * Stops accepting runs, sends what is queued within the close timeout, then stops the
     * background threads; what could not be sent is counted as {@link DropReason#SHUTDOWN} and
     * logged with its count. Idempotent.
     */
    @Override
    public void close() {
        if (!this.closed.compareAndSet(false, true)) {
            return;
        }
        boolean flushed = flush(this.settings.closeTimeout());
        this.stopping = true;
        synchronized (this.retryWait) {
            this.retryWait.notifyAll();
        }
        this.writerThread.interrupt();
        this.senderThread.interrupt();
        try {
            this.writerThread.join(TimeUnit.SECONDS.toMillis(5));
            this.senderThread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.httpExecutor.shutdownNow();
        long left = this.counters.submittedCount() - this.counters.deliveredCount() - this.counters.droppedCount();
        if (left > 0) {
            this.counters.dropped(DropReason.SHUTDOWN, (int) Math.min(left, Integer.MAX_VALUE),
                    "not sent within the close timeout of " + this.settings.closeTimeout());
            logger.warn("LangSmith exporter closed with {} operation(s) not sent to {} (last error: {})", left,
                    this.settings.endpoint(), this.lastError);
        }
        else if (!flushed) {
            logger.debug("LangSmith exporter closed after its flush timed out; nothing was left");
        }
    }

    /** Returns what the exporter has done so far. */
    public LangSmithExporterState state() {
        long submitted = this.counters.submittedCount();
        long delivered = this.counters.deliveredCount();
        long dropped = this.counters.droppedCount();
        return new LangSmithExporterState(this.settings.endpoint().toString(), this.settings.project(),
                !this.closed.get(), this.multipart ? "/runs/multipart" : "/runs/batch", submitted, delivered, dropped,
                this.counters.droppedByReason(), Math.max(0, submitted - delivered - dropped), this.pending.bytes(),
                this.settings.maxQueuedBytes(), this.pending.peakBytes(), this.failing,
                Optional.ofNullable(this.lastError));
    }

    /** Returns how many operations were dropped for {@code reason}. */
    public long droppedCount(DropReason reason) {
        return this.counters.droppedCount(reason);
    }

    /** Returns how many operations were dropped, all reasons together. */
    public long droppedCount() {
        return this.counters.droppedCount();
    }

    /** Names the endpoint and project and gives the counts (shown as the exporter by the Actuator endpoint). */
    @Override
    public String toString() {
        long submitted = this.counters.submittedCount();
        long delivered = this.counters.deliveredCount();
        long dropped = this.counters.droppedCount();
        return "LangSmithExporter[endpoint=" + this.settings.endpoint() + ", project=" + this.settings.project()
                + ", delivered=" + delivered + ", dropped=" + dropped + ", queued="
                + Math.max(0, submitted - delivered - dropped) + "]";
    }
}
