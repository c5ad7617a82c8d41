package dev.callbacks.core.observation;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.UsageMetadata;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The observation context of one run, filled by {@link ObservationCallbackHandler} and read by a
 * {@link RunObservationConvention}: the {@link RunInfo} (run id, parent, type, name, tags,
 * metadata), the model and provider named at the start, and what the run reported on its way
 * (an agent step, the first token, the model's answer and usage). Observation handlers, filters
 * and conventions may read it; only the handler writes it.
 */
public final class RunObservationContext extends Observation.Context {

    private final RunInfo run;

    private final @Nullable String requestModel;

    private volatile boolean agent;

    private volatile @Nullable Double timeToFirstChunkSeconds;

    private volatile @Nullable String responseModel;

    private volatile @Nullable UsageMetadata usage;

    RunObservationContext(RunInfo run, @Nullable String requestModel) {
        this.run = run;
        this.requestModel = requestModel;
    }

    /** Returns the run this observation describes. */
    public RunInfo run() {
        return this.run;
    }

    /**
     * Returns the model named at the start of a model run (invocation parameter
     * {@code model_name} or {@code model}, else metadata {@code ls_model_name}), or {@code null}.
     */
    public @Nullable String requestModel() {
        return this.requestModel;
    }

    /** Returns the model provider from the run's metadata {@code ls_provider}, or {@code null}. */
    public @Nullable String provider() {
        Object provider = this.run.metadata().get("ls_provider");
        return (provider instanceof CharSequence text && text.length() > 0) ? text.toString() : null;
    }

    /** Whether this chain-like run reported an agent action or finish. */
    public boolean isAgent() {
        return this.agent;
    }

    /** Returns the seconds from the start of a streamed model run to its first token, or {@code null}. */
    public @Nullable Double timeToFirstChunkSeconds() {
        return this.timeToFirstChunkSeconds;
    }

    /** Returns the model that answered, from the model run's result, or {@code null}. */
    public @Nullable String responseModel() {
        return this.responseModel;
    }

    /** Returns the token usage of the model run's result, or {@code null}. */
    public @Nullable UsageMetadata usage() {
        return this.usage;
    }

    void markAgent() {
        this.agent = true;
    }

    void firstChunk(double seconds) {
        this.timeToFirstChunkSeconds = seconds;
    }

    void result(@Nullable String responseModel, @Nullable UsageMetadata usage) {
        this.responseModel = responseModel;
        this.usage = usage;
    }
}
