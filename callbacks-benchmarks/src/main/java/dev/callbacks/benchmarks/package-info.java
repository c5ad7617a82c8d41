/**
 * JMH benchmarks of the callback system, one class per scenario of
 * {@code ../shared/bench/langchainjs/bench.mjs} (A to G) plus the Java-only scenarios H to K, and
 * {@link dev.callbacks.benchmarks.FloorBench}, which re-measures the floor costs of
 * {@code ../shared/bench/java-floor} on the machine at hand. Run them with
 * {@code benchmarks/run.sh}; never assert speed in unit tests.
 */
@NullMarked
package dev.callbacks.benchmarks;

import org.jspecify.annotations.NullMarked;
