package dev.callbacks.core.runnables;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Retries a runnable (LangChain's {@code RunnableRetry}, what {@link Runnable#withRetry} returns).
 * The call is one chain run named after the wrapped runnable; each attempt is a child run, the
 * attempts after the first tagged {@code retry:attempt:N}; before each new attempt
 * {@code onRetry} reports the failed attempt on the retry run. The last failure is rethrown
 * unchanged.
 *
 * <p>Streamed ({@link #transform}, and so {@code stream} and {@code streamEvents}), it is a plain
 * binding, as upstream's: no run of its own and no retry, the wrapped runnable streams in its
 * place. A stream cannot be replayed once its chunks have gone downstream.
 */
public final class RunnableRetry<I, O> implements Runnable<I, O> {

    private final Runnable<I, O> bound;

    private final RetryPolicy policy;

    private final Serialized serialized;

    RunnableRetry(Runnable<I, O> bound, RetryPolicy policy) {
        this.bound = Objects.requireNonNull(bound, "bound must not be null");
        this.policy = Objects.requireNonNull(policy, "policy must not be null");
        this.serialized = Serialized.of(bound.getName());
    }

    @Override
    public String getName() {
        return this.bound.getName();
    }

    @Override
    public O invoke(I input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.CHAIN, this.serialized,
                (in, child, run) -> {
                    Duration slept = Duration.ZERO;
                    for (int attempt = 1;; attempt++) {
                        String tag = (attempt > 1) ? "retry:attempt:" + attempt : null;
                        try {
                            return this.bound.invoke(in, child.withChildCallbacks(run.getChild(tag)));
                        }
                        catch (RuntimeException | Error ex) {
                            if (attempt >= this.policy.maxAttempts() || !this.policy.retryOn().test(ex)) {
                                throw ex;
                            }
                            Duration wait = this.policy.backoff(attempt);
                            slept = slept.plus(wait);
                            run.onRetry(RetryState.failed(attempt, slept, ex));
                            Runnables.sleep(wait, RunnableRetry::interrupted);
                        }
                    }
                });
    }

    @Override
    public Iterator<O> transform(Iterator<? extends I> input, @Nullable RunnableConfig config) {
        return this.bound.transform(input, config);
    }

    private static IllegalStateException interrupted(InterruptedException ex) {
        return new IllegalStateException("interrupted while waiting to retry", ex);
    }
}
