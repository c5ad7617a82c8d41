package dev.callbacks.demo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AgentStepTracer} following the seed's cat agent. */
@ExtendWith(LogCapture.class)
class AgentStepTracerTests {

    @Test
    void recordsTheCatAgentsTwoStepsInOrder() {
        AgentStepTracer tracer = new AgentStepTracer();
        UUID runId = UUID.randomUUID();

        CatAgentExample.create().invoke(CatAgentExample.input(), RunnableConfig.builder().runId(runId).callbacks(tracer).build());

        List<AgentStepTracer.Step> steps = tracer.stepsOf(runId);
        assertThat(steps).extracting(AgentStepTracer.Step::number).containsExactly(1, 2);
        assertThat(steps).extracting(AgentStepTracer.Step::tool).containsExactly("where_cat_is_hiding", "get_items");
        assertThat(steps).extracting(AgentStepTracer.Step::output)
            .containsExactly(CatAgentExample.HIDING_PLACE, CatAgentExample.ITEMS);
        assertThat(steps.get(1).input()).isEqualTo("{\"place\":\"shelf\"}");
        assertThat(steps).extracting(AgentStepTracer.Step::failed).containsOnly(false);
        assertThat(steps).extracting(AgentStepTracer.Step::parentRunId).containsOnly(runId);
        assertThat(tracer.openToolCount()).isZero();
    }

    @Test
    void numbersStepsPerAgentRun() {
        AgentStepTracer tracer = new AgentStepTracer();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        CatAgentExample.create().invoke(CatAgentExample.input(), RunnableConfig.builder().runId(first).callbacks(tracer).build());
        CatAgentExample.create().invoke(CatAgentExample.input(), RunnableConfig.builder().runId(second).callbacks(tracer).build());

        assertThat(tracer.stepsOf(second)).extracting(AgentStepTracer.Step::number).containsExactly(1, 2);
        assertThat(tracer.recentSteps()).hasSize(4);
    }

    @Test
    void recordsAFailedToolAndKeepsNothingOpen() {
        AgentStepTracer tracer = new AgentStepTracer();
        BaseTool broken = Tools.of("broken", "Always fails.", (args) -> {
            throw new IllegalStateException("no cats here");
        });

        assertThatThrownBy(() -> broken.invoke(Map.of(), RunnableConfig.builder().callbacks(tracer).build()))
            .hasMessageContaining("no cats here");

        assertThat(tracer.recentSteps()).singleElement().satisfies((step) -> {
            assertThat(step.tool()).isEqualTo("broken");
            assertThat(step.failed()).isTrue();
            assertThat(step.output()).contains("no cats here");
            assertThat(step.number()).isEqualTo(1);
        });
        assertThat(tracer.openToolCount()).isZero();
    }
}
