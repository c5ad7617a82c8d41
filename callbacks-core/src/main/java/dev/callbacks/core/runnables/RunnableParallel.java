package dev.callbacks.core.runnables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Runs several runnables on the same input in parallel and returns their outputs by key
 * (LangChain's {@code RunnableParallel}). One chain run; each branch is a child run tagged
 * {@code map:key:K}. Concurrency is bounded by the config's max concurrency; the first failure is
 * rethrown after every branch finished.
 */
public final class RunnableParallel<I> implements Runnable<I, Map<String, Object>> {

    private final Map<String, Runnable<? super I, ?>> branches;

    private final Serialized serialized = Serialized.of("RunnableParallel");

    private RunnableParallel(Map<String, ? extends Runnable<? super I, ?>> branches) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a parallel map needs at least one branch");
        }
        Map<String, Runnable<? super I, ?>> copy = new LinkedHashMap<>();
        branches.forEach((key, runnable) -> copy.put(Objects.requireNonNull(key, "branch keys must not be null"),
                Objects.requireNonNull(runnable, () -> "branch '" + key + "' must not be null")));
        this.branches = copy;
    }

    /** Returns a parallel map of the given branches, in their iteration order. */
    public static <I> RunnableParallel<I> of(Map<String, ? extends Runnable<? super I, ?>> branches) {
        Objects.requireNonNull(branches, "branches must not be null");
        return new RunnableParallel<>(branches);
    }

    @Override
    public String getName() {
        return "RunnableParallel<" + String.join(",", this.branches.keySet()) + ">";
    }

    @Override
    public Map<String, Object> invoke(I input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.CHAIN, this.serialized,
                (in, child, run) -> {
                    Semaphore permits = new Semaphore(child.maxConcurrency().orElse(this.branches.size()));
                    Executor executor = RunnableContext.wrap(Runnables.defaultExecutor());
                    List<String> keys = new ArrayList<>(this.branches.keySet());
                    List<Runnables.Forked<Object>> tasks = new ArrayList<>(keys.size());
                    for (String key : keys) {
                        Runnable<? super I, ?> branch = this.branches.get(key);
                        RunnableConfig branchConfig = child.withChildCallbacks(run.getChild("map:key:" + key));
                        tasks.add(Runnables.fork(() -> {
                            permits.acquireUninterruptibly();
                            try {
                                return branch.invoke(in, branchConfig);
                            }
                            finally {
                                permits.release();
                            }
                        }, executor));
                    }
                    List<Object> results = Runnables.joinAll(tasks);
                    Map<String, Object> outputs = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        outputs.put(keys.get(i), results.get(i));
                    }
                    return outputs;
                });
    }
}
