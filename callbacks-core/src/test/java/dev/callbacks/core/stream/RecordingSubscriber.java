package dev.callbacks.core.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/** A subscriber for the publisher tests: records items and the terminal signal, requests nothing by itself. */
class RecordingSubscriber implements Flow.Subscriber<StreamEvent> {

    /** Marks onComplete in {@link #terminal()}. */
    static final Throwable COMPLETED = new Throwable("completed");

    private final List<StreamEvent> items = new ArrayList<>();

    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile Flow.@Nullable Subscription subscription;

    private volatile @Nullable Throwable terminal;

    private int signalsAfterTerminal;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public synchronized void onNext(StreamEvent item) {
        if (this.terminal != null) {
            this.signalsAfterTerminal++;
        }
        this.items.add(item);
    }

    @Override
    public synchronized void onError(Throwable throwable) {
        terminate(throwable);
    }

    @Override
    public synchronized void onComplete() {
        terminate(COMPLETED);
    }

    private void terminate(Throwable signal) {
        if (this.terminal != null) {
            this.signalsAfterTerminal++;
        }
        this.terminal = signal;
        this.terminated.countDown();
    }

    Flow.Subscription subscription() {
        return Objects.requireNonNull(this.subscription, "not subscribed");
    }

    synchronized List<StreamEvent> items() {
        return List.copyOf(this.items);
    }

    synchronized int count() {
        return this.items.size();
    }

    synchronized List<String> briefs() {
        return this.items.stream().map((event) -> event.event() + " " + event.name()).toList();
    }

    @Nullable Throwable terminal() {
        return this.terminal;
    }

    synchronized int signalsAfterTerminal() {
        return this.signalsAfterTerminal;
    }

    boolean awaitTerminal() throws InterruptedException {
        return this.terminated.await(CompletableFutureSupport.WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
