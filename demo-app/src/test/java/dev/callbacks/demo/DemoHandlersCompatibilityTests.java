package dev.callbacks.demo;

import java.util.Map;

import dev.callbacks.core.testing.HandlerCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's own handler beans pass the test kit's compatibility check. */
@Timeout(60)
class DemoHandlersCompatibilityTests {

    @Test
    void costTrackerSurvivesEveryEvent() {
        HandlerCompatibility.assertSurvivesEveryEvent(
                new CostTracker(Map.of("fake-chat-model", new DemoProperties.ModelPrice(new java.math.BigDecimal("0.15"), new java.math.BigDecimal("0.60")))));
    }

    @Test
    void agentStepTracerSurvivesEveryEvent() {
        HandlerCompatibility.assertSurvivesEveryEvent(new AgentStepTracer());
    }
}
