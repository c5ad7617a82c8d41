package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/** Records "id:start name" and "id:end name" lines for chain runs, in order, optionally into a shared log. */
class RecordingHandler implements CallbackHandler {

    private final String id;

    private final List<String> log;

    RecordingHandler(String id) {
        this(id, new CopyOnWriteArrayList<>());
    }

    RecordingHandler(String id, List<String> log) {
        this.id = id;
        this.log = log;
    }

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        this.log.add(this.id + ":start " + run.name());
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        this.log.add(this.id + ":end " + run.name());
    }

    List<String> log() {
        return this.log;
    }

    @Override
    public String toString() {
        return "RecordingHandler[" + this.id + "]";
    }
}
