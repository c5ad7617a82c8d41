package dev.callbacks.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when runs should be sent to LangSmith: {@code langchain.tracing.export.enabled} when it is
 * set, otherwise whether {@code langchain.tracing.api-key} is set. Tracing without a key keeps runs
 * in memory only, as before export existed, so that turning tracing on for the Actuator endpoint
 * does not start sending to a server that will refuse every request.
 */
class OnLangSmithExportCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        Boolean enabled = environment.getProperty("langchain.tracing.export.enabled", Boolean.class);
        if (enabled != null) {
            return new ConditionOutcome(enabled, "langchain.tracing.export.enabled is " + enabled);
        }
        boolean key = StringUtils.hasText(environment.getProperty("langchain.tracing.api-key"));
        // Never put the key itself in the outcome message: condition reports are logged and shown by Actuator.
        return new ConditionOutcome(key, key ? "a LangSmith API key is set" : "no LangSmith API key is set");
    }
}
