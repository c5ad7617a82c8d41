package dev.callbacks.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import dev.callbacks.actuate.LangChainEndpoint;
import dev.callbacks.actuate.LangChainRunsEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.util.StringUtils;

/**
 * Puts the {@link LangChainRunsEndpoint} below the {@link LangChainEndpoint} on the web:
 * {@code langchainruns} is served at the {@code langchain} endpoint's path plus {@code /runs}
 * ({@code /actuator/langchain/runs} unless {@code management.endpoints.web.path-mapping.langchain}
 * moves both). An explicit {@code path-mapping.langchainruns} is left to Spring Boot's own mapper.
 */
final class LangChainRunsPathMapper implements PathMapper {

    private static final EndpointId RUNS = EndpointId.of(LangChainRunsEndpoint.ID);

    private static final EndpointId LANGCHAIN = EndpointId.of(LangChainEndpoint.ID);

    private final Map<EndpointId, String> pathMapping = new HashMap<>();

    /**
     * Creates the mapper.
     * @param pathMapping {@code management.endpoints.web.path-mapping}, endpoint id to path
     */
    LangChainRunsPathMapper(Map<String, String> pathMapping) {
        pathMapping.forEach((id, path) -> this.pathMapping.put(EndpointId.fromPropertyValue(id), path));
    }

    @Override
    public @Nullable String getRootPath(EndpointId endpointId) {
        if (!RUNS.equals(endpointId) || StringUtils.hasText(this.pathMapping.get(RUNS))) {
            return null;
        }
        String langchain = this.pathMapping.get(LANGCHAIN);
        return (StringUtils.hasText(langchain) ? langchain : LANGCHAIN.toString()) + "/runs";
    }
}
