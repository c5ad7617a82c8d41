// Scenario L for langsmith-js: chain runs posted and patched through the langsmith JS client the
// way LangChain.js's tracer does it (RunTree.postRun at start, end + patchRun at end, auto-batched
// multipart ingestion), to a LangSmith stand-in on loopback (dev.callbacks.benchmarks.LoopbackSink),
// so that BENCHMARKS.md can compare delivery with LangSmithExportBench.lDelivered.
//
//   node langsmith-js-bench.mjs --endpoint=http://127.0.0.1:PORT [--runs=20000] [--rounds=5] [--quick]
//
// Runs from benchmarks/work/langchainjs (run.sh copies it there), where `langsmith` is installed as
// a dependency of @langchain/core. Per round: N runs started and ended (the caller's time), then
// awaitPendingTraceBatches() (delivery); the sink's run count checks that every run arrived.
// Prints one line per round and a LANGSMITH_JS_JSON line that benchmarks/report.py reads.
import { createRequire } from "node:module";
import { Client } from "langsmith";
import { RunTree } from "langsmith/run_trees";

const args = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const [key, value] = arg.replace(/^--/, "").split("=");
  return [key, value ?? "true"];
}));
if (!args.endpoint) {
  console.error("langsmith-js-bench: --endpoint=http://127.0.0.1:PORT of a running LoopbackSink is required");
  process.exit(2);
}
const quick = args.quick === "true";
const runs = Number(args.runs ?? (quick ? 2000 : 20000));
const rounds = Number(args.rounds ?? (quick ? 2 : 5));
const endpoint = args.endpoint.replace(/\/$/, "");

const client = new Client({ apiUrl: endpoint, apiKey: "bench", autoBatchTracing: true });

async function sinkRuns() {
  const response = await fetch(`${endpoint}/bench/stats`);
  return (await response.json()).runs;
}

async function round(n) {
  const before = await sinkRuns();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const run = new RunTree({ name: "NoopChain", run_type: "chain", inputs: { input: "hello" }, client,
      project_name: "bench-l" });
    await run.postRun();
    await run.end({ output: "hello" });
    await run.patchRun();
  }
  const called = process.hrtime.bigint();
  await client.awaitPendingTraceBatches();
  const delivered = process.hrtime.bigint();
  const arrived = (await sinkRuns()) - before;
  return {
    callerNsPerRun: Number(called - start) / n,
    deliveredNsPerRun: Number(delivered - start) / n,
    arrived,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const warmup = await round(Math.min(runs, 2000));
console.log(`warm-up: ${warmup.arrived} runs arrived`);
const results = [];
for (let r = 0; r < rounds; r++) {
  const result = await round(runs);
  results.push(result);
  console.log(`round ${r + 1}: ${runs} runs, caller ${result.callerNsPerRun.toFixed(0)} ns/run, delivered `
    + `${result.deliveredNsPerRun.toFixed(0)} ns/run (${(1e9 / result.deliveredNsPerRun).toFixed(0)} runs/s), `
    + `${result.arrived} arrived`);
}
const deliveredNs = median(results.map((r) => r.deliveredNsPerRun));
const lost = results.reduce((sum, r) => sum + (runs - r.arrived), 0);
const version = createRequire(import.meta.url)("langsmith/package.json").version;
const summary = {
  runs, rounds, langsmith: version, node: process.version,
  callerNsPerRun: median(results.map((r) => r.callerNsPerRun)),
  deliveredNsPerRun: deliveredNs,
  runsPerSecond: 1e9 / deliveredNs,
  lost,
};
console.log(`langsmith-js ${version}: ${summary.runsPerSecond.toFixed(0)} runs/s delivered (median of ${rounds}), `
  + `${lost} runs lost`);
console.log("LANGSMITH_JS_JSON " + JSON.stringify(summary));
