package dev.callbacks.springai;

import dev.callbacks.core.testing.OpenAiStubTestSupport;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the Spring AI bridge tests share besides the loopback server and the handlers: an
 * observation registry holding the bridge, which the models of the tests report to.
 */
abstract class BridgeTestSupport extends OpenAiStubTestSupport {

    protected final SpringAiObservationHandler bridge = new SpringAiObservationHandler();

    protected final ObservationRegistry registry = ObservationRegistry.create();

    @BeforeEach
    void registerBridge() {
        this.registry.observationConfig().observationHandler(this.bridge);
    }
}
