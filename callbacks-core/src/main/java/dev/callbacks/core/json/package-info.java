/**
 * The one JSON mapping of the library, on Jackson 3: LangChain's wire format for every value that
 * leaves the process (stream events, run-log patches, run trees for the Actuator endpoint and
 * exporters, console output).
 *
 * <p>{@link dev.callbacks.core.json.LangChainJacksonModule} is the mapping, for any
 * {@code JsonMapper}; {@link dev.callbacks.core.json.LangChainJson} is the shared mapper that core
 * code writes with. Schema types are written as upstream's plain dictionaries (pydantic
 * {@code model_dump}), except messages inside the inputs and outputs of traced model runs, which
 * take upstream's serialized-constructor shape ({@code dumpd}), as LangSmith expects.
 * Layer 0, with the schema; its one back edge writes the value records of {@code stream},
 * {@code stream.log} and {@code tracers}.
 */
@NullMarked
package dev.callbacks.core.json;

import org.jspecify.annotations.NullMarked;
