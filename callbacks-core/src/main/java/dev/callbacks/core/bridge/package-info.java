/**
 * What the adapters of other model libraries (Spring AI, LangChain4j) share and that names no
 * such library: {@link dev.callbacks.core.bridge.AdaptedChatModel}, the base of their chat
 * models. Layer 5, with the components.
 */
@NullMarked
package dev.callbacks.core.bridge;

import org.jspecify.annotations.NullMarked;
