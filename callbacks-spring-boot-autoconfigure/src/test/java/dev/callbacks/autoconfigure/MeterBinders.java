package dev.callbacks.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Reads what the meter binder beans of an application publish. */
final class MeterBinders {

    private MeterBinders() {
    }

    /**
     * Starts an application with a simple meter registry, binds its meter binder bean to it and
     * reads a function counter the binder published.
     * @param runner the application
     * @param binder the binder bean's type
     * @param counter the counter's name
     * @return the counter's count
     */
    static double functionCount(ApplicationContextRunner runner, Class<? extends MeterBinder> binder,
            String counter) {
        AtomicReference<Double> count = new AtomicReference<>();
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(binder).bindTo(registry);
            count.set(registry.get(counter).functionCounter().count());
        });
        return count.get();
    }
}
