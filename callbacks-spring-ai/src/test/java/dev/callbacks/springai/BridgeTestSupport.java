package dev.callbacks.springai;

import java.util.List;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.GlobalCallbacks;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import dev.callbacks.core.tracers.RunCollectorCallbackHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the bridge tests share: a loopback OpenAI server, an observation registry holding the
 * bridge, and a recorder and a run collector, registered as global handlers for each test when
 * {@link #globalHandlers()} names them.
 */
abstract class BridgeTestSupport {

    protected final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    protected final RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler();

    protected final SpringAiObservationHandler bridge = new SpringAiObservationHandler();

    protected final ObservationRegistry registry = ObservationRegistry.create();

    protected OpenAiStubServer server;

    /** The handlers registered globally for each test; the recorder unless a test class says otherwise. */
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder);
    }

    @BeforeEach
    void startServerAndBridge() throws Exception {
        this.server = new OpenAiStubServer();
        this.registry.observationConfig().observationHandler(this.bridge);
        globalHandlers().forEach(GlobalCallbacks::addHandler);
    }

    @AfterEach
    void stopServerAndBridge() {
        globalHandlers().forEach(GlobalCallbacks::removeHandler);
        this.server.close();
    }
}
