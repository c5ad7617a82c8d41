package dev.callbacks.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when runs should become observations: {@code langchain.observations.enabled} when it is
 * set, else {@code langchain.tracing.enabled}.
 */
final class OnObservationsEnabledCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        ConditionMessage.Builder message = ConditionMessage.forCondition("LangChain observations");
        Boolean explicit = environment.getProperty("langchain.observations.enabled", Boolean.class);
        if (explicit != null) {
            return new ConditionOutcome(explicit, message.because("langchain.observations.enabled is " + explicit));
        }
        boolean tracing = environment.getProperty("langchain.tracing.enabled", Boolean.class, false);
        return new ConditionOutcome(tracing, message.because("langchain.observations.enabled is not set and "
                + "langchain.tracing.enabled is " + tracing));
    }
}
