/**
 * Ready-made agents built from scripted models, shared by the demo application and the tests.
 */
@NullMarked
package dev.callbacks.core.agents.examples;

import org.jspecify.annotations.NullMarked;
