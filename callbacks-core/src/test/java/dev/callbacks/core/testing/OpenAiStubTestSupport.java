package dev.callbacks.core.testing;

import java.io.IOException;
import java.util.List;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.tracers.RunCollectorCallbackHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of the provider bridges share: an {@link OpenAiStubServer} for each test, and a
 * recorder and a run collector, registered as global handlers for the test when
 * {@link #globalHandlers()} names them (a bridge reports to the global handlers, as in an
 * application that changed no code; an adapter's tests pass their handlers explicitly).
 */
public abstract class OpenAiStubTestSupport {

    protected final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    protected final RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler();

    protected OpenAiStubServer server;

    /** The handlers registered globally for each test; none unless a test class names them. */
    protected List<CallbackHandler> globalHandlers() {
        return List.of();
    }

    @BeforeEach
    void startServerAndRegisterHandlers() throws IOException {
        this.server = new OpenAiStubServer();
        globalHandlers().forEach(GlobalCallbacks::addHandler);
    }

    @AfterEach
    void stopServerAndRemoveHandlers() {
        globalHandlers().forEach(GlobalCallbacks::removeHandler);
        this.server.close();
    }
}
