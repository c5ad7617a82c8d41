package dev.callbacks.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.callbacks.core.testing.EventFunnel;
import org.jspecify.annotations.Nullable;

/**
 * A test handler that appends {@code "<name> <method>"} to a log for every event, so tests can
 * assert the order in which several handlers were called (one shared log) or which events one
 * handler saw. It leaves {@code onChatModelStart} to the interface's default, so it exercises the
 * chat fallback; {@link #flags} turn its ignore flags on. Unlike {@code RecordingCallbackHandler}
 * it checks no lifecycle, so it can be attached half-way through a run.
 */
public class LoggingHandler extends EventFunnel {

    /** The ignore flags of {@link BaseCallbackHandler}, to switch on per handler. */
    public enum Flag {
        LLM, CHAT_MODEL, CHAIN, AGENT, RETRIEVER, RETRY, CUSTOM_EVENT
    }

    final String name;

    final List<String> log;

    final Set<Flag> flags;

    /** Every {@link RunInfo} received, in order, next to the log. */
    final List<RunInfo> runs = Collections.synchronizedList(new ArrayList<>());

    /** Prompts received by {@code onLlmStart}. */
    final List<List<String>> prompts = Collections.synchronizedList(new ArrayList<>());

    public LoggingHandler(String name, List<String> log, Flag... flags) {
        super(false);
        this.name = name;
        this.log = log;
        this.flags = (flags.length == 0) ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags);
    }

    public LoggingHandler(String name) {
        this(name, Collections.synchronizedList(new ArrayList<>()));
    }

    /** The events this handler saw, without its name. */
    List<String> events() {
        String prefix = this.name + " ";
        synchronized (this.log) {
            return this.log.stream().filter((line) -> line.startsWith(prefix))
                .map((line) -> line.substring(prefix.length()))
                .toList();
        }
    }

    public void record(CallbackEvent event, RunInfo run) {
        this.runs.add(run);
        this.log.add(this.name + " " + event.methodName());
    }

    @Override
    public boolean ignoreLlm() {
        return this.flags.contains(Flag.LLM);
    }

    @Override
    public boolean ignoreChatModel() {
        return this.flags.contains(Flag.CHAT_MODEL);
    }

    @Override
    public boolean ignoreChain() {
        return this.flags.contains(Flag.CHAIN);
    }

    @Override
    public boolean ignoreAgent() {
        return this.flags.contains(Flag.AGENT);
    }

    @Override
    public boolean ignoreRetriever() {
        return this.flags.contains(Flag.RETRIEVER);
    }

    @Override
    public boolean ignoreRetry() {
        return this.flags.contains(Flag.RETRY);
    }

    @Override
    public boolean ignoreCustomEvent() {
        return this.flags.contains(Flag.CUSTOM_EVENT);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void onEvent(CallbackEvent event, RunInfo run, @Nullable Object payload) {
        if (event == CallbackEvent.LLM_START) {
            this.prompts.add((List<String>) payload);
        }
        record(event, run);
    }

    @Override
    public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        record(CallbackEvent.CUSTOM_EVENT, run);
    }

    @Override
    public String toString() {
        return "LoggingHandler[" + this.name + "]";
    }
}
