package dev.callbacks.springai;

import java.util.List;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the Spring AI bridge tests share besides the loopback server: an observation registry
 * holding the bridge, which the models of the tests report to, and the recorder as a global
 * handler unless a test class says otherwise.
 */
abstract class BridgeTestSupport extends OpenAiStubTestSupport {

    protected final SpringAiObservationHandler bridge = new SpringAiObservationHandler();

    protected final ObservationRegistry registry = ObservationRegistry.create();

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder);
    }

    @BeforeEach
    void registerBridge() {
        this.registry.observationConfig().observationHandler(this.bridge);
    }
}
