/**
 * The demo's HTTP API: answers, live event streams over server-sent events, and the handlers'
 * figures, with JSON errors that name the offending field.
 */
@NullMarked
package dev.callbacks.demo.web;

import org.jspecify.annotations.NullMarked;
