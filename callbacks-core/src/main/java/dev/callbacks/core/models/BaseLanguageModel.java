package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableCallbacks;
import dev.callbacks.core.runnables.Runnables;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * The run plumbing that chat models and completion models share (upstream's
 * {@code BaseLanguageModel}): the run's name and description, the callback manager of a call, one
 * LLM run per input of a batch, ended together, and the token reporting of a model that streams.
 * {@link BaseChatModel} and {@link BaseLlm} add their input conversion, parameters and results.
 *
 * @param <I> what one run of the model answers: a prompt or a message list
 * @param <C> the generation chunk type the model streams
 * @param <O> the runnable's output type
 */
abstract class BaseLanguageModel<I, C extends Generation, O> implements Runnable<Object, O> {

    final Serialized serialized;

    final boolean streamsNatively;

    private final BinaryOperator<C> concat;

    /**
     * @param base the public base class, where the optional {@code streamChunks} is declared
     * @param inputType the type of {@code streamChunks}' first parameter
     * @param concat joins two chunks of a stream
     */
    BaseLanguageModel(Class<?> base, Class<?> inputType, BinaryOperator<C> concat) {
        this.serialized = Serialized.of(getClass());
        this.streamsNatively = ModelSupport.overrides(getClass(), base, "streamChunks", inputType, List.class);
        this.concat = concat;
    }

    /** Returns the run name: the class's simple name unless a subclass was configured otherwise. */
    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    /** Returns the provider's model name (reported as {@code ls_model_name}); empty when unknown. */
    public String modelName() {
        return "";
    }

    /**
     * Whether {@code invoke} always streams internally so tokens are reported even without a
     * streaming handler (upstream's {@code streaming=True}); off by default.
     */
    public boolean streaming() {
        return false;
    }

    /** Returns the model type reported as the {@code _type} invocation parameter. */
    protected String llmType() {
        return getClass().getSimpleName();
    }

    /** Returns the invocation parameters reported with the start event. */
    protected abstract Map<String, Object> invocationParams(List<String> stop);

    /** Returns the LangSmith metadata added to each run. */
    protected abstract Map<String, Object> lsParams(List<String> stop);

    /** Converts a model input into what one run answers. */
    abstract I toInput(@Nullable Object input);

    /** Streams the answer to one input; only called when {@link #streamsNatively}. */
    abstract Iterator<C> streamChunks(I input, List<String> stop);

    /** Starts one run per input, the first with {@code runId} when given. */
    abstract List<CallbackManagerForLlmRun> startRuns(CallbackManager manager, List<I> inputs, @Nullable UUID runId,
            Map<String, Object> invocationParams, String name);

    /** Starts the runs of one call: the config's run id and name, the call's invocation parameters. */
    final List<CallbackManagerForLlmRun> startRuns(CallbackManager manager, RunnableConfig config, List<I> inputs,
            List<String> stop, Map<String, ?> kwargs) {
        return startRuns(manager, inputs, config.runId().orElse(null),
                ModelSupport.callParams(invocationParams(stop), stop, kwargs), config.runName().orElse(getName()));
    }

    final CallbackManager manager(RunnableConfig config, List<String> stop) {
        // The ls_* keys describe this run only; a model run has no children to inherit them.
        return CallbackManager.configure(config.callbacks(), null, false, config.tags(), List.of(), config.metadata(),
                lsParams(stop));
    }

    /** Whether a call streams internally: the model can, and it was asked to or a handler streams. */
    final boolean streamsInternally(CallbackManager manager) {
        return this.streamsNatively && (streaming() || RunnableCallbacks.streamingHandler(manager.handlers()) != null);
    }

    /**
     * Answers the inputs one after the other, each on its run (upstream's {@code generate}): every
     * run ends once all answered. When one fails, the runs before it end normally, it ends with the
     * error and what it streamed, and the ones after it, never attempted, end with a
     * {@link CancellationException}; then the error is rethrown.
     * @param what what an input is called in the cancellation message
     * @param answer answers one input, reporting what it streams to the run and the partial output
     * @param ended the end event's result for an answer
     * @return the answers, in order
     */
    final <R> List<R> answerEach(List<I> inputs, List<CallbackManagerForLlmRun> runs, String what,
            Answer<I, C, R> answer, Function<R, LLMResult> ended) {
        List<R> results = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            CallbackManagerForLlmRun run = runs.get(i);
            Partial<C> partial = newPartial();
            try {
                results.add(answer.answer(inputs.get(i), run, partial));
            }
            catch (Throwable ex) {
                for (int j = 0; j < i; j++) {
                    runs.get(j).onLlmEnd(ended.apply(results.get(j)));
                }
                run.onLlmError(ex, partial.result());
                for (int j = i + 1; j < inputs.size(); j++) {
                    runs.get(j).onLlmError(new CancellationException("not attempted: the " + what + " at index " + i
                            + " of the same call failed"), LLMResult.empty());
                }
                throw ex;
            }
        }
        for (int i = 0; i < results.size(); i++) {
            runs.get(i).onLlmEnd(ended.apply(results.get(i)));
        }
        return results;
    }

    /**
     * Streams the answer to one input, reporting a token per chunk.
     * @return the merged chunks
     */
    final C streamAll(I input, List<String> stop, CallbackManagerForLlmRun run, Partial<C> partial) {
        Iterator<C> chunks = checkedChunks(input, stop);
        try {
            while (chunks.hasNext()) {
                C chunk = chunks.next();
                run.onLlmNewToken(chunk.text(), chunk);
                partial.add(chunk);
            }
        }
        finally {
            Runnables.closeIfCloseable(chunks);
        }
        C merged = partial.merged;
        if (merged == null) {
            throw new IllegalStateException(
                    getName() + " returned no chunks; a streaming model must yield at least one");
        }
        return merged;
    }

    final Iterator<C> checkedChunks(I input, List<String> stop) {
        return Objects.requireNonNull(streamChunks(input, stop), () -> getName() + ".streamChunks returned null");
    }

    final Partial<C> newPartial() {
        return new Partial<>(this.concat);
    }

    /** Checks a message list given as input. */
    final List<BaseMessage> checkedMessages(@Nullable List<?> list) {
        if (list == null) {
            throw new IllegalArgumentException(getName() + " got a null message list");
        }
        List<BaseMessage> messages = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof BaseMessage message)) {
                throw new IllegalArgumentException(getName() + " takes a list of BaseMessage, but element " + i
                        + " is " + ModelSupport.typeName(list.get(i)));
            }
            messages.add(message);
        }
        return List.copyOf(messages);
    }

    final IllegalArgumentException unsupportedInput(@Nullable Object input) {
        return new IllegalArgumentException(getName() + " takes a String, a PromptValue or a List<BaseMessage>, got "
                + ModelSupport.typeName(input));
    }

    @Override
    public String toString() {
        String model = modelName();
        return getName() + (model.isEmpty() ? "" : "[" + model + "]");
    }

    /** Answers one input of a batch. */
    interface Answer<I, C extends Generation, R> {

        R answer(I input, CallbackManagerForLlmRun run, Partial<C> partial);
    }

    /** Collects a run's streamed chunks, for the end event or the error's partial output. */
    static final class Partial<C extends Generation> {

        private final BinaryOperator<C> concat;

        @Nullable C merged;

        Partial(BinaryOperator<C> concat) {
            this.concat = concat;
        }

        void add(C chunk) {
            C sofar = this.merged;
            this.merged = (sofar == null) ? chunk : this.concat.apply(sofar, chunk);
        }

        /** The error event's partial result: the merged chunks, or nothing. */
        LLMResult result() {
            C all = this.merged;
            return (all == null) ? LLMResult.empty() : LLMResult.of(all);
        }
    }
}
