/**
 * JMH benchmarks of the callback system, one class per thing measured and per scenario of
 * {@code ../shared/bench/langchainjs/bench.mjs} (A to G) plus the Java-only scenarios H to K, and
 * {@link dev.callbacks.benchmarks.FloorBench}, which re-measures the floor costs of
 * {@code ../shared/bench/java-floor} on the machine at hand. The classes are named after what
 * they measure; each one's javadoc and {@code benchmarks/report.py} keep its scenario letter, so
 * the rows of BENCHMARKS.md stay comparable across runs:
 * A {@code RunLifecycleBench}, B {@code UnobservedRunBench}, C {@code TokenEventBench},
 * D {@code LambdaInvokeBench}, E {@code SequenceInvokeBench}, F {@code StreamEventsBench},
 * F2 {@code CustomEventBench}, G {@code RunTreeBench}, H {@code MicrometerHandlerBench},
 * I {@code CatAgentStreamEventsBench}, J {@code AsyncHandlerBench}, K {@code ThreadScalingBench}.
 * Their shared JMH settings are in {@link dev.callbacks.benchmarks.BenchmarkDefaults}; the setup
 * several scenarios share in {@link dev.callbacks.benchmarks.NoopHandlersBenchmark} (the 3 no-op
 * handlers), {@link dev.callbacks.benchmarks.LangSmithExportState} (L's sink and exporter),
 * {@link dev.callbacks.benchmarks.BridgeBenchmark} (M's and N's counting handler) and
 * {@code Fixtures} (the payloads and scenario A's run). Run them with {@code benchmarks/run.sh};
 * never assert speed in unit tests.
 */
@NullMarked
package dev.callbacks.benchmarks;

import org.jspecify.annotations.NullMarked;
