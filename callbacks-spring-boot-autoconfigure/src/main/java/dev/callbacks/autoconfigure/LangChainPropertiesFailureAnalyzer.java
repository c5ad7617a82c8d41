package dev.callbacks.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains a start-up that failed because {@code langchain.*} properties are invalid, naming
 * each property in the form it is written in ({@code langchain.tracing.max-runs}), its value, where
 * it was set and what is wrong. Other binding failures are left to Spring Boot's own analyzers.
 * Registered in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class LangChainPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    private static final String PREFIX = "langchain";

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        if (!PREFIX.equals(errors.getName().toString())) {
            return null;
        }
        StringBuilder description = new StringBuilder("Invalid LangChain configuration:\n");
        for (ObjectError error : errors.getAllErrors()) {
            description.append('\n');
            if (error instanceof FieldError field) {
                description.append("    Property: ").append(propertyName(field.getField())).append('\n');
                description.append("    Value: \"").append(field.getRejectedValue()).append("\"\n");
                Origin origin = Origin.from(field);
                if (origin != null) {
                    description.append("    Origin: ").append(origin).append('\n');
                }
            }
            description.append("    Reason: ").append(error.getDefaultMessage()).append('\n');
        }
        return new FailureAnalysis(description.toString(),
                "Correct the langchain.* properties listed above, or remove them to use the defaults.", cause);
    }

    /** Turns a field path such as {@code tracing.maxRuns} into {@code langchain.tracing.max-runs}. */
    static String propertyName(String field) {
        StringBuilder name = new StringBuilder(PREFIX);
        for (String segment : field.split("\\.")) {
            name.append('.').append(DataObjectPropertyName.toDashedForm(segment).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
