// The customer portal: endpoints, event catalog, event log, replay and an overview chart over the
// portal's JSON API (api/v1/). Vanilla ES2020, no build step. Every value from the API reaches the
// DOM through textContent or setAttribute, never innerHTML: event bodies carry subscriber names and
// user agents that anyone can choose. All URLs are relative, so the portal can be mounted anywhere.
'use strict';

const API = 'api/v1/';
const STATUSES = ['pending', 'delivered', 'failed', 'skipped', 'cancelled'];
const POLL_MS = 500;
const POLL_LIMIT_MS = 30000;
const SVG_NS = 'http://www.w3.org/2000/svg';

const state = {
  csrfToken: null,
  tenant: null,
  catalog: null,
  // Incremented on every navigation, so polls and late answers of a left view stop touching the DOM.
  generation: 0,
};

// ---------------------------------------------------------------- DOM helpers

/** An element with attributes (class, data-test, on* listeners, others by setAttribute) and children. */
function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, built as h() builds HTML ones. */
function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'test') {
      element.setAttribute('data-test', value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}

function view() {
  return document.getElementById('view');
}

function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

function formatPercent(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10} %`;
}

/** An ISO instant for a datetime-local input's value (which is local time), or null when empty. */
function isoFromLocal(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The datetime-local value (local time, minutes) of an ISO instant. */
function localFromIso(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "1 event", "3 events". */
function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function statusBadge(status) {
  return h('span', { class: `badge status-${status}`, test: 'status' }, status);
}

// ---------------------------------------------------------------- API

/** An error answer of the API (application/problem+json), or a failure to reach it. */
class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
    init.body = JSON.stringify(body === undefined ? {} : body);
  }
  let response;
  try {
    response = await fetch(API + path, init);
  } catch (e) {
    throw new ApiProblem(0, { title: 'The portal cannot be reached', detail: String(e.message || e) });
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    throw new ApiProblem(response.status, json && typeof json === 'object'
      ? json : { title: `HTTP ${response.status}`, detail: text.slice(0, 200) });
  }
  return json;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of [].concat(value)) {
      if (one !== null && one !== undefined && one !== '') search.append(name, one);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---------------------------------------------------------------- problems

const problemBox = () => document.querySelector('[data-test="problem"]');

function hideProblem() {
  const box = problemBox();
  clear(box);
  box.hidden = true;
  document.querySelectorAll('.field-error').forEach((node) => node.remove());
  document.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
}

/** Shows an API problem (title, detail, each field's message) above the view and beside its fields. */
function showProblem(error, form) {
  const problem = error instanceof ApiProblem
    ? error.problem : { title: 'Something went wrong', detail: String(error && error.message || error) };
  hideProblem();
  const box = problemBox();
  const fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
  append(box, [
    h('strong', { test: 'problem-title' }, problem.title || 'Error'),
    problem.detail ? h('p', { test: 'problem-detail' }, problem.detail) : null,
    fieldErrors.length ? h('ul', {}, fieldErrors.map((e) => h('li', { test: 'problem-field' },
      h('code', {}, e.field || ''), ': ', e.message || ''))) : null,
    error instanceof ApiProblem && error.status === 401
      ? h('p', {}, 'Your session has ended. Open a new link from the platform.') : null,
    h('button', { type: 'button', class: 'link', test: 'problem-dismiss', onclick: hideProblem }, 'Dismiss'),
  ]);
  box.hidden = false;
  if (form) {
    for (const e of fieldErrors) {
      const input = form.querySelector(`[data-field="${CSS.escape(e.field || '')}"]`);
      if (!input) continue;
      input.setAttribute('aria-invalid', 'true');
      input.after(h('span', { class: 'field-error', test: 'field-error' }, e.message || ''));
    }
  }
  box.scrollIntoView({ block: 'nearest' });
}

/** Runs an action of a button, disabling it meanwhile and showing any problem. */
async function act(button, action, form) {
  button.disabled = true;
  hideProblem();
  try {
    return await action();
  } catch (error) {
    showProblem(error, form);
    return undefined;
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- shared pieces

async function catalog() {
  if (!state.catalog) state.catalog = (await api('GET', 'event-types')).items;
  return state.catalog;
}

function secretPanel(title, secret, extra) {
  const code = h('code', { class: 'secret', test: 'secret' }, secret);
  const copied = h('span', { class: 'muted', test: 'copy-result' });
  const copy = h('button', {
    type: 'button', test: 'copy-secret',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(secret);
        copied.textContent = 'Copied.';
      } catch (e) {
        const range = document.createRange();
        range.selectNodeContents(code);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        copied.textContent = 'Selected: press Ctrl+C to copy.';
      }
    },
  }, 'Copy');
  return h('section', { class: 'card secret-panel', test: 'secret-panel' },
    h('h3', {}, title),
    h('p', {}, 'This is the only time the secret is shown. Store it in your receiver now.'),
    h('div', { class: 'secret-row' }, code, copy, copied),
    extra || null);
}

function eventTypeChoices(selected, types) {
  const all = selected.includes('*');
  const wildcard = h('input', { type: 'checkbox', value: '*', name: 'eventTypes', test: 'type-all', checked: all });
  const boxes = types.map((t) => h('input', {
    type: 'checkbox', value: t.type, name: 'eventTypes', test: `type-${t.type}`,
    checked: !all && selected.includes(t.type), disabled: all,
  }));
  wildcard.addEventListener('change', () => boxes.forEach((box) => { box.disabled = wildcard.checked; }));
  return h('fieldset', { class: 'choices', 'data-field': 'eventTypes' },
    h('legend', {}, 'Event types'),
    h('label', { class: 'choice all' }, wildcard, 'All event types (*)'),
    types.map((t, i) => h('label', { class: 'choice', title: t.description }, boxes[i], h('code', {}, t.type))));
}

function chosen(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked:not(:disabled)`)].map((box) => box.value);
}

/** The add and edit form of an endpoint; submit gets {url, eventTypes, description}. */
function endpointForm(types, initial, submitLabel, submit) {
  const url = h('input', {
    type: 'url', name: 'url', required: true, placeholder: 'https://example.com/webhooks',
    test: 'endpoint-url', 'data-field': 'url', value: initial.url || '',
  });
  const description = h('input', {
    type: 'text', name: 'description', maxlength: 500, test: 'endpoint-description',
    'data-field': 'description', value: initial.description || '',
  });
  const button = h('button', { type: 'submit', class: 'primary', test: 'endpoint-submit' }, submitLabel);
  const form = h('form', { class: 'stack', test: 'endpoint-form', novalidate: true },
    h('label', {}, 'URL', url),
    h('label', {}, 'Description', description),
    eventTypeChoices(initial.eventTypes || [], types),
    h('div', {}, button));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(button, () => submit({ url: url.value.trim(), eventTypes: chosen(form, 'eventTypes'),
      description: description.value }), form);
  });
  return form;
}

function endpointSelect(endpoints, selected, anyLabel, test) {
  return h('select', { name: 'endpoint', test },
    h('option', { value: '' }, anyLabel),
    endpoints.map((e) => h('option', { value: e.id, selected: e.id === selected },
      e.description ? `${e.description} — ${e.url}` : e.url)));
}

function healthCells(endpoint) {
  const health = endpoint.health || {};
  const last = health.lastAttempt;
  return [
    h('td', { test: 'endpoint-state' }, endpoint.enabled
      ? (endpoint.failingSince ? h('span', { class: 'badge status-failed' }, 'failing')
        : h('span', { class: 'badge status-delivered' }, 'enabled'))
      : h('span', { class: 'badge status-skipped' }, 'disabled')),
    h('td', { test: 'endpoint-success-rate' }, successText(health)),
    h('td', { test: 'endpoint-last-attempt' }, last ? attemptSummary(last) : '—'),
  ];
}

function successText(health) {
  const attempts = (health && health.attempts24h) || 0;
  return attempts === 0 ? 'no attempt in 24 h'
    : `${formatPercent(health.successRate24h)} of ${plural(attempts, 'attempt')}`;
}

function attemptSummary(attempt) {
  return h('span', {},
    attempt.statusCode !== null && attempt.statusCode !== undefined
      ? h('span', { class: `badge ${attempt.statusCode < 300 ? 'status-delivered' : 'status-failed'}` },
        String(attempt.statusCode))
      : h('span', { class: 'badge status-failed' }, 'error'),
    ' ', h('span', { class: 'muted small' }, formatTime(attempt.startedAt)));
}

function attemptsTable(attempts) {
  if (!attempts.length) return h('p', { class: 'muted', test: 'no-attempts' }, 'No attempt yet.');
  return h('div', { class: 'scroll' }, h('table', { class: 'attempts', test: 'attempts' },
    h('thead', {}, h('tr', {}, ['#', 'Started', 'Result', 'Latency', 'Response'].map((t) => h('th', {}, t)))),
    h('tbody', {}, attempts.map((a) => h('tr', { test: 'attempt' },
      h('td', { test: 'attempt-number' }, String(a.number)),
      h('td', {}, formatTime(a.startedAt)),
      h('td', { test: 'attempt-result' }, a.statusCode !== null && a.statusCode !== undefined
        ? `HTTP ${a.statusCode}` : (a.error || 'no answer')),
      h('td', { test: 'attempt-latency' }, `${a.latencyMs} ms`),
      h('td', {}, a.responseExcerpt ? h('pre', { class: 'excerpt', test: 'attempt-excerpt' }, a.responseExcerpt)
        : h('span', { class: 'muted' }, '—')))))));
}

/** Repeats check() every POLL_MS until it answers true, the view is left or POLL_LIMIT_MS passed. */
function poll(check) {
  const generation = state.generation;
  const deadline = Date.now() + POLL_LIMIT_MS;
  return new Promise((resolve) => {
    const tick = async () => {
      if (generation !== state.generation) return resolve(false);
      let done = false;
      try {
        done = await check();
      } catch (error) {
        showProblem(error);
        return resolve(false);
      }
      if (done) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(tick, POLL_MS);
      return undefined;
    };
    tick();
  });
}

// ---------------------------------------------------------------- chart

/** Stacked bars of succeeded, retried and failed deliveries per hour, with a range toggle. */
function chartSection(endpointId) {
  const holder = h('div', { class: 'chart-holder', test: 'chart-holder' });
  const buttons = ['24h', '7d'].map((range) => h('button', {
    type: 'button', class: 'toggle', test: `chart-range-${range}`, 'data-range': range,
    onclick: () => load(range),
  }, range === '24h' ? 'Last 24 hours' : 'Last 7 days'));
  const generation = state.generation;
  let shown = '24h';
  async function load(range) {
    shown = range;
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.getAttribute('data-range') === range)));
    try {
      const stats = await api('GET', `stats${query({ range, endpoint: endpointId })}`);
      if (generation !== state.generation) return;
      clear(holder).append(chart(stats, range));
    } catch (error) {
      showProblem(error);
    }
  }
  load(shown);
  const section = h('section', { class: 'card', test: 'chart-section' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Deliveries per hour'), h('div', { class: 'toggles' }, buttons)),
    holder);
  section.reload = () => load(shown);
  return section;
}

const SERIES = [
  { key: 'succeeded', label: 'Succeeded' },
  { key: 'retried', label: 'Retried' },
  { key: 'failed', label: 'Failed' },
];

function niceCeiling(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

function chart(stats, range) {
  const buckets = stats.buckets || [];
  const width = 760;
  const height = 240;
  const pad = { left: 44, right: 8, top: 10, bottom: 28 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const totals = { succeeded: 0, retried: 0, failed: 0 };
  let max = 0;
  for (const b of buckets) {
    SERIES.forEach(({ key }) => { totals[key] += b[key] || 0; });
    max = Math.max(max, (b.succeeded || 0) + (b.retried || 0) + (b.failed || 0));
  }
  const top = niceCeiling(max);
  const y = (value) => pad.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(buckets.length, 1);
  const barWidth = Math.max(slot * 0.8, 1);

  const svg = s('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', test: 'chart',
    'aria-label': `Deliveries per hour, ${range}`,
  });
  for (let i = 0; i <= 4; i += 1) {
    const value = (top / 4) * i;
    svg.append(s('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value) }),
      s('text', { class: 'axis', x: pad.left - 6, y: y(value) + 4, 'text-anchor': 'end' },
        String(Math.round(value * 10) / 10)));
  }
  buckets.forEach((bucket, index) => {
    const x = pad.left + index * slot + (slot - barWidth) / 2;
    const group = s('g', { test: 'chart-bar', 'data-start': bucket.start },
      s('title', {}, `${formatTime(bucket.start)}: ${bucket.succeeded} succeeded, `
        + `${bucket.retried} retried, ${bucket.failed} failed`));
    let base = 0;
    for (const { key } of SERIES) {
      const value = bucket[key] || 0;
      if (value > 0) {
        group.append(s('rect', {
          class: `bar bar-${key}`, test: `chart-rect-${key}`, x, width: barWidth,
          y: y(base + value), height: y(base) - y(base + value),
        }));
      }
      base += value;
    }
    svg.append(group);
    const start = new Date(bucket.start);
    const labelled = range === '24h' ? start.getHours() % 3 === 0 : start.getHours() === 0;
    if (labelled) {
      const label = range === '24h'
        ? `${String(start.getHours()).padStart(2, '0')}:00`
        : start.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' });
      svg.append(s('text', { class: 'axis', x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle' }, label));
    }
  });
  svg.append(s('line', {
    class: 'baseline', x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0),
  }));
  const total = totals.succeeded + totals.retried + totals.failed;
  return h('figure', { class: 'chart-figure' },
    svg,
    h('figcaption', { class: 'legend', test: 'chart-totals' },
      SERIES.map(({ key, label }) => h('span', { class: 'legend-item', test: `chart-total-${key}` },
        h('span', { class: `swatch bar-${key}` }), `${label}: ${totals[key]}`)),
      total === 0 ? h('span', { class: 'muted', test: 'chart-empty' }, 'No deliveries in this range.') : null));
}

// ---------------------------------------------------------------- views

async function overviewView(container) {
  const endpoints = (await api('GET', 'endpoints')).items;
  append(container, [
    h('h1', {}, 'Overview'),
    chartSection(null),
    h('section', { class: 'card' },
      h('h2', {}, 'Endpoints'),
      endpoints.length
        ? endpointsTable(endpoints)
        : h('p', {}, 'No endpoint yet. ', h('a', { href: '#/endpoints' }, 'Add one'), ' to start receiving events.')),
  ]);
}

function endpointsTable(endpoints) {
  return h('div', { class: 'scroll' }, h('table', { class: 'endpoints', test: 'endpoints' },
    h('thead', {}, h('tr', {}, ['Endpoint', 'Event types', 'State', 'Success (24 h)', 'Last attempt']
      .map((t) => h('th', {}, t)))),
    h('tbody', {}, endpoints.map((e) => h('tr', { test: 'endpoint-row', 'data-id': e.id },
      h('td', {},
        h('a', { href: `#/endpoints/${encodeURIComponent(e.id)}`, test: 'endpoint-link' },
          h('span', { class: 'url', test: 'endpoint-row-url' }, e.url)),
        e.description ? h('div', { class: 'muted small', test: 'endpoint-row-description' }, e.description) : null),
      h('td', { class: 'small' }, e.eventTypes.join(', ')),
      healthCells(e))))));
}

async function endpointsView(container) {
  const [endpoints, types] = await Promise.all([api('GET', 'endpoints').then((r) => r.items), catalog()]);
  const revealed = h('div', { test: 'revealed' });
  const form = endpointForm(types, { eventTypes: [] }, 'Add endpoint', async (body) => {
    const created = await api('POST', 'endpoints', body);
    clear(revealed).append(secretPanel('Endpoint added: its signing secret', created.secret,
      h('p', {}, h('a', { href: `#/endpoints/${encodeURIComponent(created.endpoint.id)}`, test: 'open-new-endpoint' },
        'Open the endpoint to send a test event'))));
    form.reset();
    form.querySelectorAll('input[name="eventTypes"]').forEach((box) => { box.disabled = false; });
    const list = (await api('GET', 'endpoints')).items;
    clear(listHolder).append(endpointsTable(list));
  });
  const listHolder = h('div', {}, endpoints.length
    ? endpointsTable(endpoints) : h('p', { class: 'muted', test: 'no-endpoints' }, 'No endpoint yet.'));
  append(container, [
    h('h1', {}, 'Endpoints'),
    h('section', { class: 'card' }, listHolder),
    revealed,
    h('section', { class: 'card', test: 'add-endpoint' }, h('h2', {}, 'Add an endpoint'), form),
  ]);
}

async function endpointView(container, id) {
  const [endpoint, types] = await Promise.all([api('GET', `endpoints/${encodeURIComponent(id)}`), catalog()]);
  const path = `endpoints/${encodeURIComponent(id)}`;
  const rerender = () => route();
  const notice = h('div', { test: 'endpoint-notice' });

  const info = h('section', { class: 'card', test: 'endpoint-detail' },
    h('h1', { class: 'url', test: 'endpoint-url-heading' }, endpoint.url),
    endpoint.description ? h('p', { test: 'endpoint-detail-description' }, endpoint.description) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, endpoint.id)),
      h('dt', {}, 'Event types'), h('dd', { test: 'endpoint-detail-types' }, endpoint.eventTypes.join(', ')),
      h('dt', {}, 'State'), h('dd', { test: 'endpoint-detail-state' }, endpoint.enabled ? 'enabled' : 'disabled',
        endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''),
      h('dt', {}, 'Failing since'), h('dd', {}, formatTime(endpoint.failingSince)),
      h('dt', {}, 'Success (24 h)'), h('dd', { test: 'endpoint-detail-success' }, successText(endpoint.health)),
      h('dt', {}, 'Last attempt'), h('dd', {}, endpoint.health && endpoint.health.lastAttempt
        ? attemptSummary(endpoint.health.lastAttempt) : '—'),
      h('dt', {}, 'Secrets'), h('dd', { test: 'endpoint-secrets' }, endpoint.secrets.map((secret) => h('div', {},
        `created ${formatTime(secret.createdAt)}`,
        secret.expiresAt ? `, expires ${formatTime(secret.expiresAt)}` : ', current'))),
      h('dt', {}, 'Created'), h('dd', {}, formatTime(endpoint.createdAt))));

  // Test send: the result is the delivery's first attempt, polled from the event.
  const testType = h('select', { test: 'test-type' }, types.map((t) => h('option', { value: t.type }, t.type)));
  const testResult = h('div', { test: 'test-result' });
  const testButton = h('button', {
    type: 'button', class: 'primary', test: 'send-test',
    onclick: () => act(testButton, async () => {
      const sent = await api('POST', `${path}/test`, { type: testType.value });
      clear(testResult).append(h('p', { class: 'muted', test: 'test-waiting' }, 'Sent; waiting for the attempt…'));
      const arrived = await poll(async () => {
        const event = await api('GET', `events/${encodeURIComponent(sent.eventId)}`);
        const delivery = event.deliveries.find((d) => d.id === sent.deliveryId);
        if (!delivery || !delivery.attempts.length) return false;
        const attempt = delivery.attempts[delivery.attempts.length - 1];
        clear(testResult).append(h('div', { class: 'test-outcome', test: 'test-outcome' },
          h('p', {}, 'Status: ', h('strong', { test: 'test-status' },
            attempt.statusCode !== null && attempt.statusCode !== undefined ? String(attempt.statusCode)
              : (attempt.error || 'no answer')),
          ' · latency ', h('span', { test: 'test-latency' }, `${attempt.latencyMs} ms`),
          ' · ', h('a', { href: `#/events/${encodeURIComponent(sent.eventId)}`, test: 'test-event-link' },
            'open the event')),
          attempt.responseExcerpt ? h('pre', { class: 'excerpt', test: 'test-excerpt' }, attempt.responseExcerpt)
            : null));
        return true;
      });
      if (arrived) endpointChart.reload();
      if (!arrived && testResult.querySelector('[data-test="test-waiting"]')) {
        testResult.querySelector('[data-test="test-waiting"]').textContent = 'No attempt yet; see the event log later.';
      }
    }),
  }, 'Send test event');

  const rotateButton = h('button', {
    type: 'button', test: 'rotate-secret',
    onclick: () => act(rotateButton, async () => {
      const rotated = await api('POST', `${path}/rotate-secret`, {});
      clear(notice).append(secretPanel('New signing secret', rotated.secret,
        h('p', { test: 'previous-expiry' }, 'The previous secret stays valid until ',
          h('strong', {}, formatTime(rotated.previousSecretExpiresAt)), '.')));
    }),
  }, 'Rotate secret');

  const reason = h('input', { type: 'text', placeholder: 'Reason (optional)', test: 'disable-reason', 'data-field': 'reason' });
  const disableButton = h('button', {
    type: 'button', test: 'disable-endpoint',
    onclick: () => act(disableButton, async () => {
      await api('POST', `${path}/disable`, reason.value ? { reason: reason.value } : {});
      rerender();
    }),
  }, 'Disable');
  const enableButton = h('button', {
    type: 'button', test: 'enable-endpoint',
    onclick: () => act(enableButton, async () => {
      const enabled = await api('POST', `${path}/enable`, {});
      await rerender();
      const holder = document.querySelector('[data-test="endpoint-notice"]');
      if (holder && enabled.skippedCount > 0) holder.append(skippedOffer(enabled));
    }),
  }, 'Enable');

  const deleteHolder = h('span', {});
  const deleteButton = h('button', {
    type: 'button', class: 'danger', test: 'delete-endpoint',
    onclick: () => {
      const confirmButton = h('button', {
        type: 'button', class: 'danger', test: 'confirm-delete',
        onclick: () => act(confirmButton, async () => {
          await api('DELETE', path);
          window.location.hash = '#/endpoints';
        }),
      }, 'Delete for good');
      clear(deleteHolder).append(h('span', { class: 'confirm', test: 'delete-confirmation' },
        'Delete this endpoint? Its pending deliveries are cancelled. ', confirmButton, ' ',
        h('button', { type: 'button', test: 'cancel-delete', onclick: () => clear(deleteHolder) }, 'Cancel')));
    },
  }, 'Delete');

  const endpointChart = chartSection(endpoint.id);
  const edit = endpointForm(types, endpoint, 'Save changes', async (body) => {
    await api('PUT', path, body);
    await rerender();
    const holder = document.querySelector('[data-test="endpoint-notice"]');
    if (holder) holder.append(h('p', { class: 'ok', test: 'saved' }, 'Saved.'));
  });

  append(container, [
    h('p', {}, h('a', { href: '#/endpoints' }, '← Endpoints')),
    info,
    notice,
    h('section', { class: 'card' }, h('h2', {}, 'Send a test event'),
      h('div', { class: 'row' }, testType, testButton), testResult),
    endpointChart,
    h('section', { class: 'card' }, h('h2', {}, 'Actions'),
      h('div', { class: 'row' }, rotateButton,
        endpoint.enabled ? [reason, disableButton] : enableButton,
        deleteButton, deleteHolder),
      h('p', {}, h('a', { href: `#/events?endpoint=${encodeURIComponent(endpoint.id)}`, test: 'endpoint-events' },
        'Events sent to this endpoint'))),
    h('section', { class: 'card' }, h('h2', {}, 'Edit'), edit),
  ]);
}

function skippedOffer(enabled) {
  const result = h('span', { test: 'skipped-replay-result' });
  const button = h('button', {
    type: 'button', class: 'primary', test: 'replay-skipped',
    onclick: () => act(button, async () => {
      const replayed = await api('POST', 'replays', {
        from: enabled.skippedSince, to: new Date().toISOString(), endpointId: enabled.endpoint.id,
        statuses: ['skipped'],
      });
      button.remove();
      result.textContent = `Replaying ${plural(replayed.count, 'event')}.`;
    }),
  }, `Replay ${plural(enabled.skippedCount, 'skipped event')}`);
  return h('div', { class: 'card offer', test: 'skipped-offer' },
    h('p', {}, `${plural(enabled.skippedCount, 'event')} skipped while the endpoint was disabled (since `,
      formatTime(enabled.skippedSince), ').'),
    button, ' ', result);
}

async function catalogView(container) {
  const types = await catalog();
  append(container, [
    h('h1', {}, 'Event catalog'),
    h('p', { class: 'muted' }, `${types.length} event types. Each example is the exact JSON body your endpoint receives.`),
    types.map((t) => h('section', { class: 'card', test: 'catalog-type', 'data-type': t.type },
      h('h2', {}, h('code', {}, t.type)),
      h('p', { test: 'catalog-description' }, t.description),
      h('details', {}, h('summary', {}, 'Example payload'),
        h('pre', { class: 'json', test: 'catalog-example' }, JSON.stringify(t.example, null, 2))))),
  ]);
}

function filtersFromHash(params) {
  return {
    type: params.getAll('type'),
    status: params.getAll('status'),
    endpoint: params.get('endpoint') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
  };
}

async function eventsView(container, params) {
  const filters = filtersFromHash(params);
  const [types, endpoints] = await Promise.all([catalog(), api('GET', 'endpoints').then((r) => r.items)]);
  const typeSelect = h('select', { multiple: true, size: 4, test: 'filter-type', 'data-field': 'type' },
    types.map((t) => h('option', { value: t.type, selected: filters.type.includes(t.type) }, t.type)));
  const statusBoxes = STATUSES.map((st) => h('label', { class: 'choice' },
    h('input', { type: 'checkbox', name: 'status', value: st, test: `filter-status-${st}`, checked: filters.status.includes(st) }),
    st));
  const endpoint = endpointSelect(endpoints, filters.endpoint, 'Any endpoint', 'filter-endpoint');
  const from = h('input', { type: 'datetime-local', test: 'filter-from', 'data-field': 'from',
    value: filters.from ? localFromIso(filters.from) : '' });
  const to = h('input', { type: 'datetime-local', test: 'filter-to', 'data-field': 'to',
    value: filters.to ? localFromIso(filters.to) : '' });
  const apply = h('button', { type: 'submit', class: 'primary', test: 'filter-apply' }, 'Apply');
  const form = h('form', { class: 'filters', test: 'event-filters' },
    h('label', {}, 'Types', typeSelect),
    h('fieldset', { class: 'choices', 'data-field': 'status' }, h('legend', {}, 'Delivery status'), statusBoxes),
    h('div', { class: 'stack' }, h('label', {}, 'Endpoint', endpoint),
      h('label', {}, 'From', from), h('label', {}, 'To', to)),
    h('div', { class: 'row' }, apply,
      h('a', { href: '#/events', class: 'button', test: 'filter-reset' }, 'Reset')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = query({
      type: [...typeSelect.selectedOptions].map((o) => o.value),
      status: chosen(form, 'status'),
      endpoint: endpoint.value,
      from: isoFromLocal(from.value),
      to: isoFromLocal(to.value),
    });
    const target = `#/events${next}`;
    if (window.location.hash === target) route(); else window.location.hash = target;
  });

  const rows = h('tbody', {});
  const older = h('button', { type: 'button', test: 'events-older', hidden: true }, 'Older');
  const empty = h('p', { class: 'muted', test: 'events-empty', hidden: true }, 'No event matches.');
  let cursor = null;
  const base = { type: filters.type, status: filters.status, endpoint: filters.endpoint, from: filters.from, to: filters.to };
  async function load() {
    const page = await api('GET', `events${query({ ...base, limit: 25, cursor })}`);
    page.items.forEach((event) => rows.append(eventRow(event)));
    cursor = page.nextCursor;
    older.hidden = !cursor;
    empty.hidden = rows.childElementCount > 0;
  }
  older.addEventListener('click', () => act(older, load));
  await load();
  append(container, [
    h('h1', {}, 'Event log'),
    h('section', { class: 'card' }, form),
    h('section', { class: 'card' },
      h('div', { class: 'scroll' }, h('table', { class: 'events', test: 'events' },
        h('thead', {}, h('tr', {}, ['Time', 'Type', 'Event', 'Deliveries'].map((t) => h('th', {}, t)))),
        rows)),
      empty, h('div', { class: 'row' }, older)),
  ]);
}

function eventRow(event) {
  const counts = STATUSES.filter((st) => event.deliveries[st] > 0)
    .map((st) => h('span', { class: `badge status-${st}`, test: `count-${st}` }, `${event.deliveries[st]} ${st}`));
  return h('tr', { test: 'event-row', 'data-id': event.id },
    h('td', {}, formatTime(event.timestamp)),
    h('td', { test: 'event-row-type' }, h('code', {}, event.type)),
    h('td', {}, h('a', { href: `#/events/${encodeURIComponent(event.id)}`, test: 'event-link' }, event.id)),
    h('td', { class: 'badges' }, counts.length ? counts : h('span', { class: 'muted' }, 'none')));
}

function prettyBody(body) {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch (e) {
    return body;
  }
}

function deliveriesList(event) {
  if (!event.deliveries.length) return h('p', { class: 'muted' }, 'No endpoint was subscribed to this event.');
  return event.deliveries.map((d) => h('section', { class: 'delivery', test: 'delivery', 'data-id': d.id },
    h('div', { class: 'card-head' },
      h('h3', {}, d.endpointUrl
        ? h('a', { href: `#/endpoints/${encodeURIComponent(d.endpointId)}`, class: 'url' }, d.endpointUrl)
        : h('span', { class: 'muted' }, `${d.endpointId} (deleted)`)),
      h('div', { class: 'badges' }, statusBadge(d.status),
        d.replay ? h('span', { class: 'badge', test: 'replay-badge' }, 'replay') : null)),
    h('p', { class: 'muted small' }, `Delivery ${d.id} · created ${formatTime(d.createdAt)} · `
      + `${plural(d.attemptCount, 'attempt')} in this round`, d.nextAttemptAt ? ` · next attempt ${formatTime(d.nextAttemptAt)}` : ''),
    attemptsTable(d.attempts)));
}

async function eventView(container, id) {
  const path = `events/${encodeURIComponent(id)}`;
  const event = await api('GET', path);
  const deliveries = h('div', { test: 'deliveries' }, deliveriesList(event));
  const outcome = h('span', { test: 'replay-outcome' });
  const endpointIds = [...new Map(event.deliveries.map((d) => [d.endpointId, d])).values()];
  const target = h('select', { test: 'replay-target' },
    h('option', { value: '' }, 'All its endpoints'),
    endpointIds.map((d) => h('option', { value: d.endpointId }, d.endpointUrl || d.endpointId)));
  const replayButton = h('button', {
    type: 'button', class: 'primary', test: 'replay-event',
    onclick: () => act(replayButton, async () => {
      const before = await api('GET', path);
      const seen = new Map(before.deliveries.map((d) => [d.id, d.attempts.length]));
      const replayed = await api('POST', `${path}/replay`, target.value ? { endpointId: target.value } : {});
      outcome.textContent = `Replayed to ${plural(replayed.count, 'endpoint')}.`;
      // A replay is a new round of the existing delivery (or a new one): done once each has a new attempt.
      await poll(async () => {
        const fresh = await api('GET', path);
        clear(deliveries).append(...[].concat(deliveriesList(fresh)));
        return replayed.deliveryIds.every((id) => {
          const d = fresh.deliveries.find((one) => one.id === id);
          return d && d.attempts.length > (seen.get(id) || 0);
        });
      });
    }),
  }, 'Replay');
  append(container, [
    h('p', {}, h('a', { href: '#/events' }, '← Event log')),
    h('section', { class: 'card', test: 'event-detail' },
      h('h1', {}, h('code', { test: 'event-type' }, event.type), ' ', h('span', { class: 'muted small', test: 'event-id' }, event.id)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Happened'), h('dd', {}, formatTime(event.timestamp)),
        h('dt', {}, 'Stored'), h('dd', {}, formatTime(event.storedAt))),
      h('h2', {}, 'Body'),
      h('pre', { class: 'json', test: 'event-body' }, prettyBody(event.body))),
    h('section', { class: 'card' }, h('h2', {}, 'Replay'),
      h('div', { class: 'row' }, target, replayButton, outcome)),
    h('section', { class: 'card' }, h('h2', {}, 'Deliveries'), deliveries),
  ]);
}

async function replayView(container) {
  const [types, endpoints] = await Promise.all([catalog(), api('GET', 'endpoints').then((r) => r.items)]);
  const now = new Date();
  const from = h('input', { type: 'datetime-local', required: true, test: 'replay-from', 'data-field': 'from',
    value: localFromIso(new Date(now.getTime() - 24 * 3600 * 1000).toISOString()) });
  const to = h('input', { type: 'datetime-local', required: true, test: 'replay-to', 'data-field': 'to',
    value: localFromIso(new Date(now.getTime() + 60 * 1000).toISOString()) });
  const typeBoxes = h('fieldset', { class: 'choices', 'data-field': 'types' }, h('legend', {}, 'Types (none: all)'),
    types.map((t) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'types', value: t.type, test: `replay-type-${t.type}` }), h('code', {}, t.type))));
  const statusBoxes = h('fieldset', { class: 'choices', 'data-field': 'statuses' },
    h('legend', {}, 'Only deliveries that ended (none: any)'),
    ['failed', 'skipped'].map((st) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'statuses', value: st, test: `replay-status-${st}` }), st)));
  const endpoint = endpointSelect(endpoints, '', 'All endpoints', 'replay-endpoint');
  endpoint.setAttribute('data-field', 'endpointId');
  const previewButton = h('button', { type: 'submit', class: 'primary', test: 'replay-preview' }, 'Preview');
  const confirmation = h('div', { test: 'replay-confirmation' });
  const form = h('form', { class: 'stack', test: 'replay-form', novalidate: true },
    h('div', { class: 'row' }, h('label', {}, 'From', from), h('label', {}, 'To', to)),
    h('label', {}, 'Endpoint', endpoint),
    typeBoxes, statusBoxes,
    h('div', {}, previewButton));
  const body = () => {
    const request = { from: isoFromLocal(from.value), to: isoFromLocal(to.value) };
    const chosenTypes = chosen(form, 'types');
    const chosenStatuses = chosen(form, 'statuses');
    if (chosenTypes.length) request.types = chosenTypes;
    if (chosenStatuses.length) request.statuses = chosenStatuses;
    if (endpoint.value) request.endpointId = endpoint.value;
    return request;
  };
  // A preview counts one request; any change to the form makes it stale.
  form.addEventListener('input', () => clear(confirmation));
  form.addEventListener('change', () => clear(confirmation));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(previewButton, async () => {
      const request = body();
      const preview = await api('POST', 'replays/preview', request);
      const confirm = h('button', {
        type: 'button', class: 'primary', test: 'replay-confirm', disabled: preview.count === 0,
        onclick: () => act(confirm, async () => {
          const done = await api('POST', 'replays', request);
          clear(confirmation).append(h('p', { class: 'ok', test: 'replay-done' },
            `Replaying ${done.count === 1 ? '1 delivery' : `${done.count} deliveries`}`,
            done.lastDueAt ? `, the last due ${formatTime(done.lastDueAt)}` : '', '.'));
        }, form),
      }, `Replay ${preview.count === 1 ? '1 delivery' : `${preview.count} deliveries`}`);
      clear(confirmation).append(h('p', { test: 'replay-count' },
        preview.count === 1 ? '1 delivery matches.' : `${preview.count} deliveries match.`), confirm);
    }, form);
  });
  append(container, [
    h('h1', {}, 'Replay a time range'),
    h('section', { class: 'card' },
      h('p', { class: 'muted' }, 'Sends the matching deliveries again, paced by the sender. '
        + 'Preview first: the count is shown before anything is sent.'),
      form, confirmation),
  ]);
}

// ---------------------------------------------------------------- routing

const ROUTES = [
  { pattern: /^\/?$/, name: 'overview', nav: 'overview', render: (c) => overviewView(c) },
  { pattern: /^\/endpoints$/, name: 'endpoints', nav: 'endpoints', render: (c) => endpointsView(c) },
  { pattern: /^\/endpoints\/([^/]+)$/, name: 'endpoint', nav: 'endpoints', render: (c, m) => endpointView(c, decodeURIComponent(m[1])) },
  { pattern: /^\/events$/, name: 'events', nav: 'events', render: (c, m, p) => eventsView(c, p) },
  { pattern: /^\/events\/([^/]+)$/, name: 'event', nav: 'events', render: (c, m) => eventView(c, decodeURIComponent(m[1])) },
  { pattern: /^\/replay$/, name: 'replay', nav: 'replay', render: (c) => replayView(c) },
  { pattern: /^\/catalog$/, name: 'catalog', nav: 'catalog', render: (c) => catalogView(c) },
];

async function route() {
  state.generation += 1;
  const generation = state.generation;
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [pathPart, search] = hash.split('?');
  const params = new URLSearchParams(search || '');
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(pathPart) })).find((x) => x.m);
  hideProblem();
  document.querySelectorAll('[data-nav]').forEach((link) => {
    if (match && link.getAttribute('data-nav') === match.r.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  // Views are built off-screen and swapped in whole, so a slow answer never shows half a view.
  const container = h('div', { test: match ? `view-${match.r.name}` : 'view-unknown' });
  try {
    if (match) {
      await match.r.render(container, match.m, params);
    } else {
      append(container, [h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the overview'))]);
    }
  } catch (error) {
    if (generation !== state.generation) return;
    append(container, h('p', { class: 'muted', test: 'view-failed' }, 'This view could not be loaded.'));
    showProblem(error);
  }
  if (generation !== state.generation) return;
  clear(view()).append(container);
  view().setAttribute('data-route', pathPart);
}

async function start() {
  try {
    const session = await api('GET', 'session');
    state.csrfToken = session.csrfToken;
    state.tenant = session.tenant;
    document.querySelector('[data-test="tenant"]').textContent = session.tenant;
  } catch (error) {
    clear(view()).append(h('p', { test: 'no-session' }, 'No session. Open a link from the platform.'));
    showProblem(error);
    return;
  }
  window.addEventListener('hashchange', route);
  route();
}

start();
