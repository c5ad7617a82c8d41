package dev.callbacks.core.langsmith;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code extra.runtime} object every run carries, as the SDKs describe their environment:
 * {@code sdk}, {@code sdk_version}, {@code library}, {@code runtime} ({@code java}),
 * {@code runtime_version} and {@code platform}.
 */
final class RuntimeInfo {

    /** The SDK and library name reported to LangSmith. */
    static final String SDK = "langchain-callbacks-java";

    private RuntimeInfo() {
    }

    static String version() {
        String version = RuntimeInfo.class.getPackage().getImplementationVersion();
        return (version != null) ? version : "unknown";
    }

    static ObjectNode tree() {
        ObjectNode runtime = JsonNodeFactory.instance.objectNode();
        runtime.put("sdk", SDK);
        runtime.put("sdk_version", version());
        runtime.put("library", SDK);
        runtime.put("runtime", "java");
        runtime.put("runtime_version", System.getProperty("java.version", "unknown"));
        runtime.put("platform", System.getProperty("os.name", "unknown") + "-" + System.getProperty("os.version", "")
                + "-" + System.getProperty("os.arch", ""));
        return runtime;
    }
}
