// LangChain callbacks demo page: opens a server-sent event stream for a question and draws what
// arrives. For the agent and reflect modes every SSE message is one stream event (v2):
// {event, name, run_id, parent_ids, tags, metadata, data}. Plain browser JavaScript, no build step.
'use strict';

(() => {
  const CAT_QUESTION = 'where is the cat hiding? what items are in that location?';

  const MODES = {
    agent: { path: '/api/agent/events', example: CAT_QUESTION, tokens: false },
    chat: { path: '/api/chat/stream', example: 'where do cats like to sleep?', tokens: true },
    reflect: { path: '/api/reflect/events', example: 'hello world', tokens: false },
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('ask-form'), question: $('question'), ask: $('ask'), formError: $('form-error'),
    endpoint: $('mode-endpoint'), answer: $('answer'), usage: $('usage'), status: $('run-status'),
    elapsed: $('elapsed'), tree: $('tree'), treeSummary: $('tree-summary'), steps: $('steps'),
    stepsCount: $('steps-count'), custom: $('custom-events'), customCount: $('custom-count'),
    handlers: $('handlers'), raw: $('raw-events'), rawCount: $('raw-count'),
  };

  /** The run being watched; replaced by every question. */
  let current = null;

  // ---- small DOM helpers (textContent only: event data is never parsed as HTML) ----

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function placeholder(list, text, tag = 'li') {
    clear(list);
    list.appendChild(el(tag, 'placeholder', text));
  }

  function preview(value, max = 160) {
    let text;
    if (value === undefined) text = '';
    else if (typeof value === 'string') text = value;
    else {
      try { text = JSON.stringify(value); } catch (e) { text = String(value); }
    }
    text = text.replace(/\s+/g, ' ').trim();
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  function formatMs(ms) {
    if (ms < 1000) return Math.max(0, Math.round(ms)) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(2) + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  }

  function formatNumber(n) {
    return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
  }

  // ---- page state ----

  function setStatus(status, text) {
    ui.status.className = 'pill ' + status;
    ui.status.dataset.status = status;
    ui.status.textContent = text || status;
  }

  function resetView(mode) {
    ui.answer.textContent = '';
    ui.answer.className = 'answer';
    ui.usage.hidden = true;
    ui.usage.textContent = '';
    ui.elapsed.textContent = '';
    ui.treeSummary.textContent = '';
    clear(ui.tree);
    if (MODES[mode].tokens) {
      const note = el('p', 'placeholder');
      note.append('The chat endpoint streams tokens only. The chain\'s run tree is recorded by the tracer: see ');
      const link = el('a', null, '/actuator/langchain/runs');
      link.href = '/actuator/langchain/runs';
      link.target = '_blank';
      note.append(link, '.');
      ui.tree.appendChild(note);
    } else {
      ui.tree.appendChild(el('ul', 'tree-root'));
    }
    placeholder(ui.steps, mode === 'agent' ? 'Waiting for the agent to call a tool…' : 'No tool runs in this call.');
    ui.stepsCount.textContent = '';
    placeholder(ui.custom, mode === 'reflect' ? 'Waiting for custom events…' : 'No custom events in this call (try Reflect).');
    ui.customCount.textContent = '';
    clear(ui.raw);
    ui.rawCount.textContent = '0';
  }

  function newRun(mode, question) {
    return {
      mode, question, source: null, runs: new Map(), rootId: null, startedAt: performance.now(),
      finished: false, stepCount: 0, customCount: 0, rawCount: 0, runCount: 0, answerText: '',
    };
  }

  // ---- starting and finishing a run ----

  function start(mode, question) {
    stop();
    resetView(mode);
    const run = newRun(mode, question);
    current = run;
    setStatus('running', 'running');
    ui.ask.disabled = true;
    ui.answer.classList.add('streaming');

    const source = new EventSource(MODES[mode].path + '?input=' + encodeURIComponent(question));
    run.source = source;
    if (MODES[mode].tokens) {
      source.addEventListener('token', (m) => onToken(run, JSON.parse(m.data)));
      source.addEventListener('usage', (m) => onUsage(run, JSON.parse(m.data)));
    } else {
      source.onmessage = (m) => onStreamEvent(run, JSON.parse(m.data));
    }
    source.addEventListener('run_error', (m) => finish(run, 'error', JSON.parse(m.data).error));
    source.onerror = () => {
      // The server closes the stream after the last event; EventSource would reconnect and run the
      // question again, so every error ends the run here.
      if (!run.finished) finish(run, 'error', 'The connection to the server was lost.');
      source.close();
    };
  }

  function stop() {
    if (current && current.source) current.source.close();
    if (current && !current.finished) finish(current, 'cancelled', 'Stopped: a new question was asked.');
  }

  function finish(run, status, message) {
    if (run.finished) return;
    run.finished = true;
    if (run.source) run.source.close();
    const took = performance.now() - run.startedAt;
    ui.elapsed.textContent = formatMs(took);
    ui.answer.classList.remove('streaming');
    if (status === 'success') {
      setStatus('success', 'done');
    } else {
      setStatus(status, status === 'error' ? 'failed' : status);
      if (message) {
        if (!run.answerText) ui.answer.textContent = message;
        else ui.answer.appendChild(el('span', 'muted', '\n' + message));
        ui.answer.classList.add('failed');
      }
      for (const node of run.runs.values()) {
        if (node.status === 'running') setNodeStatus(node, status === 'error' ? 'error' : 'cancelled');
      }
    }
    if (current === run) ui.ask.disabled = false;
    updateSummary(run);
    // The metrics handler records a run when it ends; give it a moment, then refresh the counters.
    setTimeout(refreshMetrics, 250);
  }

  // ---- chat mode: tokens, then usage ----

  function onToken(run, data) {
    if (run !== current) return;
    appendAnswer(run, data.token);
    addRaw(run, 'token ' + JSON.stringify(data.token));
  }

  function onUsage(run, data) {
    if (run !== current) return;
    addRaw(run, 'usage ' + JSON.stringify(data.usage));
    setAnswer(run, data.output);
    const u = data.usage || {};
    const models = Object.keys(data.by_model || {}).join(', ');
    ui.usage.textContent = `${u.total_tokens} tokens · ${u.input_tokens} in / ${u.output_tokens} out · ${models}`;
    ui.usage.hidden = false;
    finish(run, 'success');
  }

  function appendAnswer(run, text) {
    if (!text) return;
    if (!run.answerText) ui.answer.textContent = '';
    run.answerText += text;
    ui.answer.textContent = run.answerText;
  }

  function setAnswer(run, text) {
    if (typeof text !== 'string') return;
    run.answerText = text;
    ui.answer.textContent = text;
  }

  // ---- agent and reflect modes: stream events (v2) ----

  const EVENT = /^on_(.+)_(start|stream|end|error)$/;

  function onStreamEvent(run, ev) {
    if (run !== current || run.finished) return;
    addRaw(run, ev.event.padEnd(22) + ' ' + ev.name);
    if (ev.event === 'on_custom_event') {
      addCustomEvent(run, ev);
      return;
    }
    const match = EVENT.exec(ev.event);
    if (!match) return;
    const [, type, phase] = match;
    if (phase === 'start') startNode(run, ev, type);
    else if (phase === 'stream') streamNode(run, ev, type);
    else if (phase === 'end') endNode(run, ev, type);
    else failNode(run, ev);
  }

  function parentOf(ev) {
    return ev.parent_ids.length ? ev.parent_ids[ev.parent_ids.length - 1] : null;
  }

  function startNode(run, ev, type) {
    const parentId = parentOf(ev);
    if (parentId === null && run.rootId === null) run.rootId = ev.run_id;
    const item = el('li', 'run fresh');
    item.dataset.runId = ev.run_id;
    item.dataset.runType = type;
    const row = el('div', 'run-row');
    row.appendChild(el('span', 'badge ' + type, type));
    const name = el('span', 'run-name', ev.name);
    name.title = ev.run_id;
    row.appendChild(name);
    for (const tag of ev.tags) {
      row.appendChild(el('span', /^(seq:step|map:key):/.test(tag) ? 'tag step' : 'tag', tag));
    }
    row.appendChild(el('span', 'spacer'));
    const duration = el('span', 'duration', '');
    row.appendChild(duration);
    const dot = el('span', 'status-dot running');
    row.appendChild(dot);
    item.appendChild(row);
    const detail = el('div', 'run-detail');
    detail.hidden = true;
    item.appendChild(detail);
    const children = el('ul', 'children');
    item.appendChild(children);

    const node = {
      id: ev.run_id, type, name: ev.name, tags: ev.tags, item, dot, duration, detail, children,
      status: 'running', startedAt: performance.now(), endedAt: null, text: '', step: null,
      input: ev.data ? ev.data.input : undefined,
    };
    run.runs.set(ev.run_id, node);
    run.runCount++;

    const parent = parentId && run.runs.get(parentId);
    const container = parent ? parent.children : ui.tree.querySelector('.tree-root');
    container.appendChild(item);
    setTimeout(() => item.classList.remove('fresh'), 700);

    const input = ev.data && ev.data.input;
    if (type === 'tool') {
      setDetail(node, [['input', preview(input)]]);
      node.step = addStep(run, node, input);
    } else if (parentId === null && input !== undefined) {
      setDetail(node, [['input', preview(input)]]);
    }
    updateSummary(run);
  }

  function streamNode(run, ev, type) {
    const node = run.runs.get(ev.run_id);
    if (!node) return;
    const chunk = ev.data && ev.data.chunk;
    if (type === 'chat_model' || type === 'llm') {
      const text = chunk && typeof chunk === 'object' ? chunk.content : chunk;
      if (typeof text === 'string' && text) {
        node.text += text;
        setDetail(node, [['tokens', preview(node.text, 200)]]);
        // As in the seed, the answer is what the agent's own model streams (tag agent_llm);
        // the model inside get_items (tag tool_llm) is shown in its node only.
        if (run.mode === 'agent' && ev.tags.includes('agent_llm')) appendAnswer(run, text);
      }
    }
  }

  function endNode(run, ev, type) {
    const node = run.runs.get(ev.run_id);
    if (!node) return;
    setNodeStatus(node, 'success');
    const output = ev.data ? ev.data.output : undefined;
    if (type === 'tool') {
      setDetail(node, [['input', preview(ev.data && ev.data.input !== undefined ? ev.data.input : node.input)],
        ['output', preview(output)]]);
      endStep(node, 'success', output);
    } else if (type === 'chat_model' || type === 'llm') {
      const calls = output && Array.isArray(output.tool_calls) ? output.tool_calls : [];
      if (calls.length) {
        setDetail(node, [['calls', calls.map((c) => `${c.name}(${preview(c.args, 60)})`).join(', ')]]);
      } else if (output && typeof output.content === 'string' && output.content) {
        setDetail(node, [['output', preview(output.content, 200)]]);
      }
    }
    if (ev.run_id === run.rootId) {
      const text = typeof output === 'string' ? output
        : output && typeof output.output === 'string' ? output.output : null;
      if (text !== null) setAnswer(run, text);
      else if (!run.answerText) setAnswer(run, preview(output, 400));
      finish(run, 'success');
    }
  }

  function failNode(run, ev) {
    const node = run.runs.get(ev.run_id);
    if (!node) return;
    setNodeStatus(node, 'error');
    const error = ev.data && ev.data.error;
    setDetail(node, [['input', preview(ev.data && ev.data.input)], ['error', preview(error)]], true);
    endStep(node, 'error', error);
  }

  function setNodeStatus(node, status) {
    node.status = status;
    node.endedAt = performance.now();
    node.dot.className = 'status-dot ' + status;
    node.item.dataset.status = status;
    node.duration.textContent = formatMs(node.endedAt - node.startedAt);
  }

  function setDetail(node, pairs, isError) {
    clear(node.detail);
    for (const [key, value] of pairs) {
      node.detail.appendChild(el('span', 'k', key));
      node.detail.appendChild(el('span', isError && key === 'error' ? 'v err' : 'v', value || '—'));
    }
    node.detail.hidden = pairs.length === 0;
  }

  function updateSummary(run) {
    if (run !== current) return;
    const counts = {};
    for (const node of run.runs.values()) counts[node.type] = (counts[node.type] || 0) + 1;
    const parts = Object.entries(counts).map(([type, n]) => `${n} ${type}`);
    const total = run.runCount === 1 ? '1 run' : `${run.runCount} runs`;
    ui.treeSummary.textContent = run.runCount ? `${total} · ${parts.join(' · ')}` : '';
  }

  // ---- tool steps and custom events ----

  function addStep(run, node, input) {
    if (run.stepCount === 0) clear(ui.steps);
    run.stepCount++;
    const item = el('li', 'step running');
    item.dataset.tool = node.name;
    item.appendChild(el('span', 'num', String(run.stepCount)));
    const head = el('div', 'tool');
    head.appendChild(el('span', 'tool-name', node.name));
    const duration = el('span', 'duration', 'running…');
    head.appendChild(duration);
    item.appendChild(head);
    const inLine = el('div', 'io');
    inLine.appendChild(el('span', 'k', 'in  '));
    inLine.appendChild(el('span', 'tool-input', preview(input)));
    item.appendChild(inLine);
    const outLine = el('div', 'io');
    outLine.appendChild(el('span', 'k', 'out '));
    const out = el('span', 'tool-output', '…');
    outLine.appendChild(out);
    item.appendChild(outLine);
    ui.steps.appendChild(item);
    ui.stepsCount.textContent = run.stepCount + (run.stepCount === 1 ? ' step' : ' steps');
    return { item, duration, out };
  }

  function endStep(node, status, output) {
    if (!node.step) return;
    node.step.item.className = 'step ' + status;
    node.step.duration.textContent = formatMs(node.endedAt - node.startedAt);
    node.step.out.textContent = preview(output);
  }

  function addCustomEvent(run, ev) {
    if (run.customCount === 0) clear(ui.custom);
    run.customCount++;
    const item = el('li');
    item.appendChild(el('span', 'ev-name', ev.name));
    item.appendChild(el('span', 'ev-data', preview(ev.data)));
    ui.custom.appendChild(item);
    ui.customCount.textContent = String(run.customCount);

    // In the tree, a custom event sits under the run that dispatched it.
    const owner = run.runs.get(ev.run_id);
    const row = el('li', 'run custom fresh');
    row.dataset.runType = 'custom';
    const line = el('div', 'run-row custom-row');
    line.appendChild(el('span', 'badge custom', 'event'));
    line.appendChild(el('span', 'run-name', ev.name));
    line.appendChild(el('span', 'data', preview(ev.data, 120)));
    row.appendChild(line);
    (owner ? owner.children : ui.tree.querySelector('.tree-root')).appendChild(row);
  }

  function addRaw(run, text) {
    run.rawCount++;
    ui.rawCount.textContent = String(run.rawCount);
    ui.raw.appendChild(el('li', null, text));
    while (ui.raw.childElementCount > 300) ui.raw.removeChild(ui.raw.firstChild);
  }

  // ---- live durations ----

  setInterval(() => {
    const run = current;
    if (!run || run.finished) return;
    const now = performance.now();
    ui.elapsed.textContent = formatMs(now - run.startedAt);
    for (const node of run.runs.values()) {
      if (node.status === 'running') node.duration.textContent = formatMs(now - node.startedAt);
    }
  }, 100);

  // ---- metrics from Actuator ----

  async function measure(name, tag) {
    const url = '/actuator/metrics/' + name + (tag ? '?tag=' + encodeURIComponent(tag) : '');
    const response = await fetch(url, { cache: 'no-store' });
    if (response.status === 404) return 0; // no such meter yet: nothing recorded
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    const body = await response.json();
    const m = body.measurements.find((x) => x.statistic === 'COUNT' || x.statistic === 'VALUE');
    return m ? m.value : 0;
  }

  function showCounter(id, value) {
    const box = $(id);
    const target = box.querySelector('.value');
    const text = formatNumber(value);
    if (target.textContent !== text) {
      target.textContent = text;
      box.classList.remove('bump');
      void box.offsetWidth; // restart the animation
      box.classList.add('bump');
    }
  }

  let refreshing = false;

  async function refreshMetrics() {
    if (refreshing) return;
    refreshing = true;
    try {
      const [runs, active, tokens, chain, chatModel, tool] = await Promise.all([
        measure('langchain.run'), measure('langchain.run.active'), measure('langchain.llm.tokens'),
        measure('langchain.run', 'run.type:chain'), measure('langchain.run', 'run.type:chat_model'),
        measure('langchain.run', 'run.type:tool'),
      ]);
      showCounter('m-runs', runs);
      showCounter('m-active', active);
      showCounter('m-tokens', tokens);
      showCounter('m-chain', chain);
      showCounter('m-chat_model', chatModel);
      showCounter('m-tool', tool);
      const usage = await (await fetch('/api/usage', { cache: 'no-store' })).json();
      $('m-cost').textContent = '$' + Number(usage.costUsd).toFixed(6);
      $('m-calls').textContent = `· ${usage.calls} model calls`;
    } catch (e) {
      // Metrics are a nice-to-have: keep the last values and try again on the next tick.
    } finally {
      refreshing = false;
    }
  }

  setInterval(() => {
    if (document.visibilityState === 'visible') refreshMetrics();
  }, 2000);

  async function loadHandlers() {
    try {
      const response = await fetch('/actuator/langchain', { cache: 'no-store' });
      const body = await response.json();
      clear(ui.handlers);
      for (const handler of body.handlers) {
        const item = el('li');
        const simple = handler.className.substring(handler.className.lastIndexOf('.') + 1);
        const name = el('span', null, simple);
        name.title = handler.className;
        item.appendChild(name);
        const yours = handler.className.startsWith('dev.callbacks.demo.');
        item.appendChild(el('span', yours ? 'who yours' : 'who', yours ? 'demo bean' : 'starter'));
        ui.handlers.appendChild(item);
      }
    } catch (e) {
      placeholder(ui.handlers, 'Could not read /actuator/langchain.');
    }
  }

  // ---- form ----

  function selectedMode() {
    return ui.form.querySelector('input[name=mode]:checked').value;
  }

  ui.form.addEventListener('change', (e) => {
    if (e.target.name !== 'mode') return;
    const mode = selectedMode();
    ui.endpoint.textContent = 'GET ' + MODES[mode].path;
    const examples = Object.values(MODES).map((m) => m.example);
    if (!ui.question.value.trim() || examples.includes(ui.question.value)) ui.question.value = MODES[mode].example;
    ui.question.focus();
  });

  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const question = ui.question.value.trim();
    if (!question) {
      ui.formError.textContent = 'Type a question first.';
      ui.formError.hidden = false;
      ui.question.focus();
      return;
    }
    ui.formError.hidden = true;
    start(selectedMode(), question);
  });

  refreshMetrics();
  loadHandlers();

  // A link such as /?mode=reflect&q=hello%20world asks at once.
  const params = new URLSearchParams(location.search);
  const mode = params.get('mode');
  if (mode && MODES[mode]) {
    ui.form.querySelector(`input[name=mode][value=${mode}]`).checked = true;
    ui.endpoint.textContent = 'GET ' + MODES[mode].path;
    ui.question.value = MODES[mode].example;
  }
  if (params.get('q')) {
    ui.question.value = params.get('q');
    start(selectedMode(), ui.question.value.trim());
  }
})();
