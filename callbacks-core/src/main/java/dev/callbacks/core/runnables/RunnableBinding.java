package dev.callbacks.core.runnables;

import java.util.Objects;

import dev.callbacks.core.config.RunnableConfig;
import org.jspecify.annotations.Nullable;

/**
 * A runnable with config values bound to every call (what {@link Runnable#withConfig} returns):
 * run name, tags, metadata and callbacks. The bound config is merged with the call's
 * ({@link RunnableConfig#merge}), so bound callbacks (the seed's constructor callbacks) are added
 * to, not substituted for, the handlers of the enclosing run. A binding adds no run of its own.
 */
public final class RunnableBinding<I, O> extends RunnableBindingBase<I, O> {

    private final RunnableConfig config;

    RunnableBinding(Runnable<I, O> bound, RunnableConfig config) {
        super(bound, "bound");
        this.config = Objects.requireNonNull(config, "config must not be null");
    }

    /** Returns the bound config. */
    public RunnableConfig config() {
        return this.config;
    }

    @Override
    public String getName() {
        return this.config.runName().orElse(this.bound.getName());
    }

    @Override
    RunnableConfig configFor(@Nullable RunnableConfig callConfig) {
        // Ensure first, so the enclosing run's child manager is merged with the bound callbacks
        // instead of being replaced by them.
        return RunnableConfig.merge(this.config, RunnableConfig.ensure(callConfig));
    }

    @Override
    public Runnable<I, O> withConfig(RunnableConfig more) {
        return new RunnableBinding<>(this.bound, RunnableConfig.merge(this.config, more));
    }
}
