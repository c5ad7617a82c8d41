package dev.callbacks.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@link ConfigurationProperties @ConfigurationProperties} of the {@code langchain} Actuator
 * endpoint and of the run trees below it ({@code langchainruns}), in the style of Spring Boot's
 * {@code env} and {@code configprops} endpoints: whether the run trees carry their values
 * (inputs, outputs, streamed tokens, exception messages) is decided by {@code show-values}, and
 * under {@code when-authorized} by the roles of the caller.
 */
@ConfigurationProperties("management.endpoint.langchain")
public class LangChainEndpointProperties {

    /**
     * When to show run inputs, outputs, streamed tokens and exception messages in run trees.
     */
    private Show showValues = Show.NEVER;

    /**
     * Roles used to determine whether a user is authorized to be shown values; when empty, all
     * authenticated users are authorized.
     */
    private final Set<String> roles = new LinkedHashSet<>();

    public Show getShowValues() {
        return this.showValues;
    }

    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    public Set<String> getRoles() {
        return this.roles;
    }
}
