package dev.callbacks.demo.web;

import java.util.List;

import dev.callbacks.demo.AgentStepTracer;
import dev.callbacks.demo.CostTracker;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the demo's handler beans collected: {@code GET /api/usage} (the cost tracker's totals) and
 * {@code GET /api/steps} (the agent step tracer's recent tool steps).
 */
@RestController
class HandlersController {

    private final CostTracker costTracker;

    private final AgentStepTracer stepTracer;

    HandlersController(CostTracker costTracker, AgentStepTracer stepTracer) {
        this.costTracker = costTracker;
        this.stepTracer = stepTracer;
    }

    @GetMapping("/api/usage")
    CostTracker.Totals usage() {
        return this.costTracker.totals();
    }

    @GetMapping("/api/steps")
    List<AgentStepTracer.Step> steps() {
        return this.stepTracer.recentSteps();
    }
}
