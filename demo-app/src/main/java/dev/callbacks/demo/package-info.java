/**
 * The demo application: its configuration, the runnables it serves and the callback handlers it
 * declares as beans, the way an application using the starter would.
 */
@NullMarked
package dev.callbacks.demo;

import org.jspecify.annotations.NullMarked;
