package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test kit's {@link RecordingCallbackHandler} (every event recorded, the lifecycle checked)
 * with a line log of chain runs ("id:start name", "id:end name"), optionally shared between
 * several handlers so that tests can assert the order in which they were called.
 */
class RecordingHandler extends RecordingCallbackHandler {

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
        super.onChainStart(run, serialized, inputs);
        this.log.add(this.id + ":start " + run.name());
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        super.onChainEnd(run, outputs, inputs);
        this.log.add(this.id + ":end " + run.name());
    }

    List<String> log() {
        return this.log;
    }

    /**
     * Runs a chain in an application and asserts that its recording handler bean saw it: how a
     * test of a feature that backed off shows that the rest of the starter still works.
     * @param context the application, with one {@link RecordingHandler} bean
     */
    static void assertRunsStillReachTheRecorder(ApplicationContext context) {
        RunnableLambda.of("plain", (String s) -> s).invoke("x");
        RecordingHandler recorder = context.getBean(RecordingHandler.class);
        assertThat(recorder.log()).containsExactly(recorder.id + ":start plain", recorder.id + ":end plain");
    }

    @Override
    public String toString() {
        return "RecordingHandler[" + this.id + "]";
    }
}
