package dev.callbacks.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationContext;

/** Reads what the meter binder beans of an application publish. */
final class MeterBinders {

    private MeterBinders() {
    }

    /**
     * Binds an application's meter binder bean to its meter registry and reads a function counter
     * the binder published.
     * @param context the application, with a {@link MeterRegistry} bean
     * @param binder the binder bean's type
     * @param counter the counter's name
     * @return the counter's count
     */
    static double functionCount(ApplicationContext context, Class<? extends MeterBinder> binder, String counter) {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        context.getBean(binder).bindTo(registry);
        return registry.get(counter).functionCounter().count();
    }
}
