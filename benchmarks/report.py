#!/usr/bin/env python3
"""Turns one benchmark run into a Markdown report.

Inputs: JMH's JSON results (``-rf json``), the output of LangChain.js's ``bench.mjs`` (its
``RESULTS_JSON`` line), the output of ``langsmith-js-bench.mjs`` (its ``LANGSMITH_JS_JSON`` line,
scenario L), the floor notes of ``../shared/bench/java-floor/notes.md`` and the
environment captured by ``run.sh``. Output: a Markdown file with the comparison table (scenario,
LangChain.js ns/op, ours ns/op, ratio, our B/op, floors, target, met or not), the raw JMH and
LangChain.js results, and the machine. Standard library only; no network.

    python3 benchmarks/report.py --jmh jmh.json [--jmh more.json] [--js langchainjs.txt]
        [--langsmith-js langsmith-js.txt]
        [--floor-notes notes.md] [--env env.json] --out report.md [--update-md BENCHMARKS.md]
"""

import argparse
import json
import math
import re
import sys
from pathlib import Path

PKG = "dev.callbacks.benchmarks."

# The benchmark classes were named after their scenario letter until 2026-12; the raw files of
# earlier runs (benchmarks/baseline/) still use those names, so they are read under the new ones.
LEGACY_CLASSES = {
    "ScenarioABench": "RunLifecycleBench", "ScenarioBBench": "UnobservedRunBench",
    "ScenarioCBench": "TokenEventBench", "ScenarioDBench": "LambdaInvokeBench",
    "ScenarioEBench": "SequenceInvokeBench", "ScenarioFBench": "StreamEventsBench",
    "ScenarioF2Bench": "CustomEventBench", "ScenarioGBench": "RunTreeBench",
    "ScenarioHBench": "MicrometerHandlerBench", "ScenarioIBench": "CatAgentStreamEventsBench",
    "ScenarioJBench": "AsyncHandlerBench", "ScenarioKBench": "ThreadScalingBench",
}

# Scenario rows: id, what one op is, our JMH benchmark (class.method), LangChain.js case
# (ALS on), floor key in the notes, our floor benchmark, time target (ns), allocation target (B).
ROWS = [
    ("A", "configure(3 no-op handlers) + chain start + end", "RunLifecycleBench.a", "A",
     "CompositeBench.runLifecycleUuidV7", "FloorBench.lifecycle", 250, 200),
    ("A2", "A with the manager built once", "RunLifecycleBench.a2", "A2", None, None, None, None),
    ("B", "configure(0 handlers) + chain start + end", "UnobservedRunBench.b", "B",
     "DispatchBench.loop0Handlers", None, 30, 0),
    ("B0", "configure(null)", "UnobservedRunBench.b0", "B0", None, None, None, None),
    ("C", "token event, 3 no-op handlers", "TokenEventBench.c", "C",
     "DispatchBench.loop3Handlers", "FloorBench.dispatch3", 25, 0),
    ("D1", "RunnableLambda(identity).invoke, 3 no-op handlers", "LambdaInvokeBench.d1", "D1",
     None, None, 500, None),
    ("D0", "RunnableLambda(identity).invoke, no callbacks", "LambdaInvokeBench.d0", "D0",
     None, None, None, None),
    ("D-", "the identity function alone", "LambdaInvokeBench.dRef", "D-", "BaselineBench.emptyMethod",
     None, None, None),
    ("E", "sequence of 3 lambdas, 1 counting handler", "SequenceInvokeBench.e", "E", None, None, 2000, None),
    ("E0", "sequence of 3 lambdas, no callbacks", "SequenceInvokeBench.e0", "E0", None, None, None, None),
    ("F", "stream events v2, per yielded event (100 custom events per call)", "StreamEventsBench.f", "F",
     None, None, 500, None),
    ("F2", "custom event to 1 counting handler, per event", "CustomEventBench.f2", "F2",
     None, None, None, None),
    ("G", "tree of 7 runs, depth 3, 2 root + 1 subtree handler", "RunTreeBench.g", "G",
     None, None, 3000, None),
    ("G-noop", "G with 3 no-op handlers", "RunTreeBench.gNoop", None, None, None, None, None),
    ("G0", "G without callbacks (subtree handler still bound)", "RunTreeBench.g0", None,
     None, None, None, None),
    ("G-handlers", "G's 22 handler calls alone, no library (the floor under G)", "RunTreeBench.gHandlersAlone",
     None, None, None, None, None),
    ("H", "A + Micrometer handler (global)", "MicrometerHandlerBench.h", None,
     "CompositeBench.runLifecycleUuidV7Micrometer", "FloorBench.lifecycleMicrometer", 300, None),
    ("H-alone", "configure(Micrometer handler) + chain start + end", "MicrometerHandlerBench.hAlone", None,
     None, None, None, None),
    ("I", "cat agent under stream events, per yielded event", "CatAgentStreamEventsBench.i", None,
     None, None, None, None),
    ("J1-runs", "A with 1 async handler, drain included, per run", "AsyncHandlerBench.j1Runs", None,
     None, None, None, None),
    ("J3-runs", "A with 3 async handlers, drain included, per run", "AsyncHandlerBench.j3Runs", "A-bg",
     None, None, None, None),
    ("J3-runs caller", "J3-runs, cost on the emitting thread", "AsyncHandlerBench.j3RunsCallerSide", None,
     None, None, None, None),
    ("J1-tokens", "token to 1 async handler, drain included", "AsyncHandlerBench.j1Tokens", None,
     None, None, None, None),
    ("J3-tokens", "token to 3 async handlers, drain included", "AsyncHandlerBench.j3Tokens", "C-bg",
     None, None, None, None),
    ("J3-tokens caller", "J3-tokens, cost on the emitting thread", "AsyncHandlerBench.j3TokensCallerSide",
     None, None, None, None, None),
    ("M", "Spring AI ChatModel call (stub model) through the bridge, 1 counting handler", "SpringAiBridgeBench.m", None,
     None, None, None, None),
    ("M-baseline", "the same call with Spring AI's own observation handling only (M - M-baseline <= 1 us)",
     "SpringAiBridgeBench.mBaseline", None, None, None, None, None),
    ("N", "LangChain4j ChatModel call (stub model) through LangChain4jChatModel, 1 counting handler",
     "LangChain4jBridgeBench.n", None, None, None, None, None),
    ("N-baseline", "the same call on the LangChain4j model directly (N - N-baseline = the adapter's cost)",
     "LangChain4jBridgeBench.nBaseline", None, None, None, None, None),
    ("N-listener", "N-baseline with the bridge's ChatModelListener reporting the run (N-listener - N-baseline <= 1 us)",
     "LangChain4jBridgeBench.nListener", None, None, None, None, None),
    # L's time target is relative: A's score of the same run + 1 µs (see L_OVER_A_NS).
    ("L", "A + LangChain tracer + LangSmith exporter (loopback sink), caller's cost per run, exporter keeping up",
     "LangSmithExportPacedBench.lPaced", None, None, None, None, None),
    ("L-flat-out", "L with runs made faster than the sender delivers (backlog and its GC included)",
     "LangSmithExportBench.l", None, None, None, None, None),
    ("L-tracer", "A + LangChain tracer with an exporter that does nothing (the tracer's share of L)",
     "LangSmithExportBench.lTracerOnly", None, None, None, None, None),
    ("L-delivered", "1,000 runs sent and acknowledged by the loopback sink, per run (langsmith-js: same sink)",
     "LangSmithExportBench.lDelivered", "L-delivered", None, None, 50_000, None),
]

# Scenario L: the caller's cost may exceed scenario A's by at most this much.
L_OVER_A_NS = 1000

# K: (id, what, 1-thread benchmark, 2-thread benchmark, target ratio)
K_ROWS = [
    ("K-ref (first)", "reference: 3-handler dispatch loop, shares nothing", "ThreadScalingBench.k0Ref1Thread",
     "ThreadScalingBench.k0Ref2Threads", None),
    ("K-A", "A on 2 threads vs 1", "ThreadScalingBench.kA1Thread", "ThreadScalingBench.kA2Threads", 1.7),
    ("K-C", "C on 2 threads vs 1", "ThreadScalingBench.kC1Thread", "ThreadScalingBench.kC2Threads", 1.7),
    ("K-ref (last)", "reference again, after K-A and K-C", "ThreadScalingBench.kzRef1Thread",
     "ThreadScalingBench.kzRef2Threads", None),
]


def number(value):
    """JMH writes NaN as the string "NaN"; returns a float or None."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(result) else result


def load_jmh(paths):
    results = {}
    for path in paths:
        p = Path(path)
        if not p.is_file() or p.stat().st_size == 0:
            continue
        for entry in json.loads(p.read_text()):
            name = entry["benchmark"]
            if name.startswith(PKG):
                name = name[len(PKG):]
            cls, _, method = name.partition(".")
            name = LEGACY_CLASSES.get(cls, cls) + "." + method
            primary = entry["primaryMetric"]
            alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            results.setdefault(name, []).append({
                "mode": entry["mode"],
                "threads": entry.get("threads", 1),
                "score": number(primary["score"]),
                "error": number(primary.get("scoreError")),
                "unit": primary["scoreUnit"],
                "alloc": number(alloc["score"]) if alloc else None,
                "file": p.name,
            })
    return results


def load_js(path):
    if not path:
        return None
    p = Path(path)
    if not p.is_file():
        return None
    for line in p.read_text(errors="replace").splitlines():
        if line.startswith("RESULTS_JSON "):
            return json.loads(line[len("RESULTS_JSON "):])
    return None


def load_langsmith_js(path):
    """Reads the LANGSMITH_JS_JSON line of langsmith-js-bench.mjs's output."""
    if not path or not Path(path).is_file():
        return None
    for line in Path(path).read_text(errors="replace").splitlines():
        if line.startswith("LANGSMITH_JS_JSON "):
            return json.loads(line[len("LANGSMITH_JS_JSON "):])
    return None


def load_floor_notes(path):
    """Reads 'Bench.method | ns/op | ± | B/op' rows of the floor notes' single-thread table."""
    floors = {}
    if not path or not Path(path).is_file():
        return floors
    pattern = re.compile(r"^\|\s*(\w+Bench\.\w+)[^|]*\|\s*\**([\d.]+)\**\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|")
    for line in Path(path).read_text().splitlines():
        m = pattern.match(line)
        if m and m.group(1) not in floors:
            floors[m.group(1)] = float(m.group(2))
    return floors


def ns(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value >= 100_000:
        return f"{value / 1000:,.0f} µs"
    if value >= 10_000:
        return f"{value / 1000:,.1f} µs"
    if value >= 1000:
        return f"{value / 1000:,.2f} µs"
    if value >= 100:
        return f"{value:,.0f} ns"
    if value >= 10:
        return f"{value:.1f} ns"
    return f"{value:.2f} ns"


def bytes_(value):
    if value is None:
        return "–"
    if value < 0.5:
        return "0"
    return f"{value:,.0f}"


def first(results, name):
    entries = results.get(name)
    return entries[-1] if entries else None


def ns_per_op(entry):
    """ns/op for an AverageTime result, or per-thread ns/op for a throughput one."""
    if entry is None:
        return None
    if entry["unit"] == "ns/op":
        return entry["score"]
    if entry["unit"] == "ops/us":
        return 1000.0 * entry["threads"] / entry["score"]
    raise ValueError(f"unexpected unit {entry['unit']}")


def verdict(ours, alloc, time_target, alloc_target):
    if time_target is None and alloc_target is None:
        return "–"
    if ours is None:
        return "not run"
    misses = []
    if time_target is not None and ours > time_target:
        misses.append("time")
    if alloc_target is not None and (alloc is None or alloc > alloc_target + 0.5):
        misses.append("B/op")
    return "**met**" if not misses else "missed (" + ", ".join(misses) + ")"


def target_text(row_id, time_target, alloc_target):
    parts = []
    if row_id == "F" and time_target is not None:
        parts.append(">= 2 M events/s (<= 500 ns/event)")
    elif row_id == "L":
        parts.append("<= A + 1 µs")
    elif row_id == "L-delivered":
        parts.append(">= 20,000 runs/s (<= 50 µs/run), >= 10× langsmith-js")
    elif time_target is not None:
        parts.append("<= " + ns(time_target))
    if alloc_target is not None:
        parts.append(f"<= {alloc_target} B")
    return ", ".join(parts) if parts else "–"


def build_report(args):
    jmh = load_jmh(args.jmh)
    floor_check = load_jmh(args.floor_check) if args.floor_check else {}
    js = load_js(args.js)
    floors = load_floor_notes(args.floor_notes)
    env = json.loads(Path(args.env).read_text()) if args.env and Path(args.env).is_file() else {}
    js_als = (js or {}).get("results", {}).get("als", {})
    js_noals = (js or {}).get("results", {}).get("no-als", {})
    langsmith_js = load_langsmith_js(args.langsmith_js)
    if langsmith_js:
        js_als = dict(js_als)
        js_als["L-delivered"] = {"medianNs": langsmith_js["deliveredNsPerRun"]}

    out = []
    out.append("| scenario | one op is | LangChain.js ns/op | ours ns/op | ratio | our B/op | floor (notes) | "
               "floor (this run) | target | met? |")
    out.append("|---|---|--:|--:|--:|--:|--:|--:|---|---|")
    for row_id, what, bench, js_case, floor_key, floor_bench, t_target, a_target in ROWS:
        entry = first(jmh, bench)
        ours = ns_per_op(entry)
        if row_id == "L":
            a = ns_per_op(first(jmh, "RunLifecycleBench.a"))
            t_target = a + L_OVER_A_NS if a else None
        alloc = entry["alloc"] if entry else None
        js_ns = js_als.get(js_case, {}).get("medianNs") if js_case else None
        ratio = f"{js_ns / ours:,.0f}×" if js_ns and ours else "–"
        ours_text = ns(ours)
        if entry and entry.get("error") is not None:
            ours_text += f" ± {ns(entry['error'])}"
        if row_id in ("F", "I") and ours:
            ours_text += f" ({1e9 / ours / 1e6:,.2f} M events/s)"
        if row_id == "L-delivered" and ours:
            ours_text += f" ({1e9 / ours:,.0f} runs/s)"
        js_text = ns(js_ns) if js_ns else ("not run" if js_case else "–")
        if row_id == "F" and js_ns:
            js_text += f" ({1e9 / js_ns / 1e3:,.0f} k events/s)"
        if row_id == "L-delivered" and js_ns:
            js_text += f" ({1e9 / js_ns:,.0f} runs/s, langsmith-js)"
        if js_case and js_case != row_id and js_ns:
            js_text += f" ({js_case})"
        floor_notes = ns(floors.get(floor_key)) if floor_key and floor_key in floors else "–"
        floor_run = ns(ns_per_op(first(jmh, floor_bench))) if floor_bench and first(jmh, floor_bench) else "–"
        if entry is None and row_id in ("I", "L", "L-delivered"):
            continue
        out.append(f"| {row_id} | {what} | {js_text} | {ours_text} | {ratio} | {bytes_(alloc)} | {floor_notes} | "
                   f"{floor_run} | {target_text(row_id, t_target, a_target)} | "
                   f"{verdict(ours, alloc, t_target, a_target)} |")

    out.append("")
    out.append("2-thread scaling (throughput; ratio = ops/µs with 2 threads ÷ ops/µs with 1 thread):")
    out.append("")
    out.append("| scenario | measures | 1 thread ops/µs | 2 threads ops/µs | ratio | ns/op per thread (1 → 2) | "
               "B/op | target | met? |")
    out.append("|---|---|--:|--:|--:|--:|--:|---|---|")
    for row_id, what, one, two, target in K_ROWS:
        e1, e2 = first(jmh, one), first(jmh, two)
        if not e1 or not e2:
            ratio_target = f">= {target}×" if target else "–"
            out.append(f"| {row_id} | {what} | – | – | – | – | – | {ratio_target} | not run |")
            continue
        ratio = e2["score"] / e1["score"]
        met = "–" if target is None else ("**met**" if ratio >= target else "missed")
        out.append(f"| {row_id} | {what} | {e1['score']:,.2f} | {e2['score']:,.2f} | {ratio:.2f}× | "
                   f"{ns(ns_per_op(e1))} → {ns(ns_per_op(e2))} | {bytes_(e2['alloc'])} | "
                   f"{'>= ' + str(target) + '×' if target else '–'} | {met} |")

    if floor_check:
        out.append("")
        out.append("Machine drift: the floor benchmarks measured again after LangChain.js's run:")
        out.append("")
        out.append("| floor benchmark | at start | at end | change |")
        out.append("|---|--:|--:|--:|")
        for name in sorted(n for n in floor_check if n.startswith("FloorBench.")):
            before = ns_per_op(first(jmh, name))
            after = ns_per_op(first(floor_check, name))
            change = f"{(after / before - 1) * 100:+.0f}%" if before and after else "–"
            out.append(f"| {name} | {ns(before)} | {ns(after)} | {change} |")

    out.append("")
    out.append("<details><summary>All JMH results</summary>")
    out.append("")
    out.append("| benchmark | mode | threads | score | ± | unit | B/op |")
    out.append("|---|---|--:|--:|--:|---|--:|")
    for name in sorted(jmh):
        for e in jmh[name]:
            err = e["error"]
            err_text = "–" if err is None else f"{err:,.3f}"
            out.append(f"| {name} | {e['mode']} | {e['threads']} | {e['score']:,.3f} | {err_text} | {e['unit']} | "
                       f"{bytes_(e['alloc'])} |")
    out.append("")
    out.append("</details>")
    if js:
        out.append("")
        out.append("<details><summary>All LangChain.js results (median ns/op, ~B/op)</summary>")
        out.append("")
        out.append("| case | ALS on ns/op | ALS on ~B/op | no ALS ns/op | no ALS ~B/op |")
        out.append("|---|--:|--:|--:|--:|")
        order = [c for c in ["Z", "A", "A2", "A-bg", "B", "B0", "C", "C-bg", "D1", "D0", "D-", "E", "E0", "F", "F2",
                             "G", "G-bg"] if c in js_als or c in js_noals]
        for case in order:
            a, b = js_als.get(case, {}), js_noals.get(case, {})
            out.append(f"| {case} | {ns(a.get('medianNs'))} | {bytes_(a.get('bytesPerOp'))} | "
                       f"{ns(b.get('medianNs'))} | {bytes_(b.get('bytesPerOp'))} |")
        out.append("")
        out.append("</details>")

    out.append("")
    out.append("Environment:")
    out.append("")
    js_env = (js or {}).get("env", {})
    env_rows = list(env.items())
    for key in ("node", "v8", "@langchain/core", "langsmith"):
        if key in js_env:
            env_rows.append((key, js_env[key]))
    if langsmith_js:
        env_rows.append(("langsmith-js (scenario L)", f"{langsmith_js.get('langsmith')}: "
                         f"{langsmith_js.get('runsPerSecond', 0):,.0f} runs/s delivered, caller "
                         f"{ns(langsmith_js.get('callerNsPerRun'))}/run, {langsmith_js.get('lost')} runs lost, "
                         f"{langsmith_js.get('runs')} runs x {langsmith_js.get('rounds')} rounds"))
    for key, value in env_rows:
        out.append(f"- {key}: {value}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jmh", action="append", default=[], help="JMH JSON results (repeatable)")
    parser.add_argument("--floor-check", action="append", default=[],
                        help="JMH JSON of the floor benchmarks measured again at the end")
    parser.add_argument("--js", help="output of node bench.mjs (with its RESULTS_JSON line)")
    parser.add_argument("--langsmith-js",
                        help="output of node langsmith-js-bench.mjs (with its LANGSMITH_JS_JSON line)")
    parser.add_argument("--floor-notes", help="../shared/bench/java-floor/notes.md")
    parser.add_argument("--env", help="environment JSON written by run.sh")
    parser.add_argument("--out", required=True, help="Markdown file to write")
    parser.add_argument("--update-md", help="also replace the table section of this Markdown file (BENCHMARKS.md)")
    args = parser.parse_args()
    report = build_report(args)
    Path(args.out).write_text(report)
    if args.update_md:
        md = Path(args.update_md)
        text = md.read_text()
        start, end = "<!-- results:start -->", "<!-- results:end -->"
        if start not in text or end not in text:
            print(f"{md}: no {start} / {end} markers; not updated", file=sys.stderr)
            return 1
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        md.write_text(head + start + "\n" + report + end + tail)
        print(f"updated {md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
