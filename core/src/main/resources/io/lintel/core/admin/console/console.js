'use strict';
// Lintel's web console. Everything it shows comes from the admin API it is served by (GET /ready, /status, /config,
// /metrics, /explain), read again every REFRESH_MS; nothing is loaded from elsewhere, so it works offline.
// Names from the configuration reach the page through textContent only, never as markup.

const REFRESH_MS = 5000;
// Above this many routes the page lists counts only, unless a namespace narrows it: a browser tab should not lay
// out 10 000 routes every few seconds.
const MAX_ROUTES_SHOWN = 500;
const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);
// Condition types whose healthy status is False.
const NEGATIVE_CONDITIONS = new Set(['Conflicted', 'Detached', 'OverlappingTLSConfig']);

let previousCounts = null;
let rates = new Map();
let inFlight = false;

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

function scopeQuery() {
  const namespace = document.getElementById('namespace').value.trim();
  return namespace ? '?namespace=' + encodeURIComponent(namespace) : '';
}

async function get(path) {
  const response = await fetch(path, {cache: 'no-store'});
  return {status: response.status, text: await response.text()};
}

async function refresh() {
  if (inFlight || document.getElementById('paused').checked) {
    return;
  }
  inFlight = true;
  try {
    const scope = scopeQuery();
    const [ready, status, config, metrics] = await Promise.all(
        [get('../ready'), get('../status' + scope), get('../config' + scope), get('../metrics')]);
    renderReady(ready);
    updateRates(metrics.text);
    const statusDocument = JSON.parse(status.text);
    renderProblems(statusDocument.problems || []);
    renderResources(statusDocument.items || [], rulesByRoute(JSON.parse(config.text)));
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    document.getElementById('updated').textContent = 'admin API unreachable: ' + error.message;
  } finally {
    inFlight = false;
  }
}

function renderReady(ready) {
  const lines = ready.text.trim().split('\n');
  const badge = document.getElementById('ready');
  badge.textContent = lines[0];
  badge.className = 'badge ' + (ready.status === 200 ? 'ok' : 'bad');
  badge.title = lines.join('\n');
  const reload = lines.find(line => line.startsWith('last reload:'));
  document.getElementById('reload').textContent = reload || '';
}

// lintel_requests_total{rule="...",rule_name="...",code="..."} value: per rule, requests and failed ones (5xx, or
// 0 = no response), and their rate between two reads.
const REQUESTS_LINE = /^lintel_requests_total\{([^}]*)\}\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

function updateRates(metricsText) {
  const now = performance.now();
  const byRule = new Map();
  for (const line of metricsText.split('\n')) {
    const match = REQUESTS_LINE.exec(line);
    if (!match) {
      continue;
    }
    const labels = {};
    for (const label of match[1].matchAll(LABEL)) {
      labels[label[1]] = label[2].replace(/\\(["\\n])/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    const value = Number(match[2]);
    const counts = byRule.get(labels.rule) || {total: 0, failed: 0};
    counts.total += value;
    if (labels.code === '0' || (labels.code || '').startsWith('5')) {
      counts.failed += value;
    }
    byRule.set(labels.rule, counts);
  }
  rates = new Map();
  for (const [rule, counts] of byRule) {
    const before = previousCounts && (previousCounts.byRule.get(rule) || {total: 0, failed: 0});
    const seconds = previousCounts ? (now - previousCounts.time) / 1000 : 0;
    const requests = before ? counts.total - before.total : 0;
    rates.set(rule, {
      total: counts.total,
      failed: counts.failed,
      perSecond: before && seconds > 0 ? requests / seconds : null,
      failedRatio: before && requests > 0 ? (counts.failed - before.failed) / requests : null,
    });
  }
  previousCounts = {time: now, byRule};
}

function renderProblems(problems) {
  document.getElementById('problem-count').textContent = '(' + problems.length + ')';
  const container = document.getElementById('problems');
  if (problems.length === 0) {
    container.replaceChildren(el('p', {class: 'muted'}, 'No problems: every file and resource was read.'));
    return;
  }
  const table = el('table', {id: 'problem-table'},
      el('tr', null, el('th', null, 'Where'), el('th', null, 'Resource'), el('th', null, 'Field'), el('th', null, 'Problem')));
  for (const problem of problems) {
    table.append(el('tr', null, el('td', null, el('code', null, problem.location || '')), el('td', null, problem.resource || ''),
        el('td', null, el('code', null, problem.field || '')), el('td', null, problem.message || '')));
  }
  container.replaceChildren(table);
}

function conditionBadges(conditions) {
  const badges = el('span');
  for (const condition of conditions || []) {
    const healthy = (condition.status === 'True') !== NEGATIVE_CONDITIONS.has(condition.type);
    const kind = condition.status === 'Unknown' ? 'unknown' : healthy ? 'ok' : 'bad';
    // a healthy negative condition (Conflicted=False) reads better by its reason (NoConflicts)
    const text = !healthy ? condition.type + '=' + condition.status + ' (' + (condition.reason || '') + ')'
        : NEGATIVE_CONDITIONS.has(condition.type) ? condition.reason || 'not ' + condition.type : condition.type;
    badges.append(el('span', {class: 'badge ' + kind, title: (condition.reason || '') + ': ' + (condition.message || '')}, text));
  }
  return badges;
}

// /config's rules (deduplicated: one rule appears in every virtual host and listener it serves), by route key
// "<kind in lower case>/<namespace>/<name>", as the IR names them.
function rulesByRoute(config) {
  const rules = new Map();
  for (const socket of config.sockets || []) {
    for (const listener of socket.listeners || []) {
      for (const virtualHost of listener.virtualHosts || []) {
        for (const match of virtualHost.matches || []) {
          const rule = match.rule;
          if (!rule) {
            continue;
          }
          let entry = rules.get(rule.name);
          if (!entry) {
            entry = {rule, matches: [], hostnames: new Set()};
            rules.set(rule.name, entry);
          }
          entry.matches.push(match);
          entry.hostnames.add(virtualHost.hostname);
        }
      }
    }
  }
  const byRoute = new Map();
  for (const entry of rules.values()) {
    const route = entry.rule.name.slice(0, entry.rule.name.lastIndexOf('/rule/'));
    if (!byRoute.has(route)) {
      byRoute.set(route, []);
    }
    byRoute.get(route).push(entry);
  }
  return byRoute;
}

function routeKey(route) {
  return route.kind.toLowerCase() + '/' + route.metadata.namespace + '/' + route.metadata.name;
}

function parentIs(parentRef, route, kind, namespace, name) {
  return (parentRef.kind || 'Gateway') === kind && (parentRef.namespace || route.metadata.namespace) === namespace
      && parentRef.name === name;
}

function renderResources(items, rules) {
  const gateways = items.filter(item => item.kind === 'Gateway');
  const routes = items.filter(item => ROUTE_KINDS.has(item.kind));
  const container = document.getElementById('gateways');
  const shown = new Set();
  const tooMany = routes.length > MAX_ROUTES_SHOWN;
  container.replaceChildren();
  if (gateways.length === 0) {
    container.append(el('p', {class: 'muted'}, 'No Gateway of a GatewayClass of Lintel.'));
  }
  if (tooMany) {
    container.append(el('p', {class: 'muted'}, routes.length + ' routes: routes are counted, not listed. '
        + 'Enter a namespace above to list its routes.'));
  }
  for (const gateway of gateways) {
    const namespace = gateway.metadata.namespace;
    const name = gateway.metadata.name;
    const card = el('div', {class: 'card', 'data-gateway': namespace + '/' + name},
        el('h3', null, 'Gateway ' + namespace + '/' + name + ' ', conditionBadges(gateway.status && gateway.status.conditions)));
    const addresses = ((gateway.status && gateway.status.addresses) || []).map(address => address.value).join(', ');
    if (addresses) {
      card.append(el('div', {class: 'muted'}, 'addresses: ' + addresses));
    }
    const attached = parent => routes.flatMap(route => ((route.status && route.status.parents) || [])
        .filter(p => parentIs(p.parentRef, route, 'Gateway', namespace, name) && parent(p.parentRef))
        .map(p => ({route, parent: p})));
    for (const listener of (gateway.status && gateway.status.listeners) || []) {
      const kinds = (listener.supportedKinds || []).map(kind => kind.kind).join(', ');
      const box = el('div', {class: 'listener', 'data-listener': listener.name},
          el('div', null, el('strong', null, 'listener ' + listener.name),
              ' · ' + listener.attachedRoutes + ' attached · ' + (kinds || 'no route kinds') + ' ',
              conditionBadges(listener.conditions)));
      for (const {route, parent} of attached(ref => ref.sectionName === listener.name)) {
        shown.add(route);
        if (!tooMany) {
          box.append(routeView(route, parent, rules));
        }
      }
      card.append(box);
    }
    const everyListener = attached(ref => !ref.sectionName);
    if (everyListener.length > 0) {
      const box = el('div', {class: 'listener'}, el('div', null, el('strong', null, 'every listener that allows them')));
      for (const {route, parent} of everyListener) {
        shown.add(route);
        if (!tooMany) {
          box.append(routeView(route, parent, rules));
        }
      }
      card.append(box);
    }
    container.append(card);
  }
  renderOthers(items.filter(item => item.kind !== 'Gateway' && item.kind !== 'GatewayClass' && !shown.has(item)), rules,
      tooMany);
}

// Routes whose parents are not Gateways shown above (ListenerSets, other classes, missing ones) and every other
// resource with a status (policies: their ancestors' conditions).
function renderOthers(items, rules, tooMany) {
  const container = document.getElementById('unattached');
  container.replaceChildren();
  if (items.length === 0) {
    container.append(el('p', {class: 'muted'}, 'Nothing.'));
    return;
  }
  if (tooMany) {
    container.append(el('p', {class: 'muted'}, items.length + ' resources: enter a namespace above to list them.'));
    return;
  }
  for (const item of items) {
    const card = el('div', {class: 'card', 'data-resource': item.kind + '/' + (item.metadata.namespace || '') + '/' + item.metadata.name},
        el('h3', null, item.kind + ' ' + (item.metadata.namespace ? item.metadata.namespace + '/' : '') + item.metadata.name + ' ',
            conditionBadges(item.status && item.status.conditions)));
    const parents = (item.status && (item.status.parents || item.status.ancestors)) || [];
    for (const parent of parents) {
      const ref = parent.parentRef || parent.ancestorRef || {};
      card.append(el('div', {class: 'route'}, (ref.kind || 'Gateway') + ' ' + (ref.namespace ? ref.namespace + '/' : '')
          + ref.name + (ref.sectionName ? ' (' + ref.sectionName + ')' : '') + ' ', conditionBadges(parent.conditions)));
    }
    if (parents.length === 0 && ROUTE_KINDS.has(item.kind)) {
      card.append(el('div', {class: 'muted'}, 'no parent of Lintel'));
    }
    if (ROUTE_KINDS.has(item.kind)) {
      for (const entry of rules.get(routeKey(item)) || []) {
        card.append(ruleView(entry));
      }
    }
    container.append(card);
  }
}

function routeView(route, parent, rules) {
  const view = el('div', {class: 'route', 'data-route': routeKey(route)},
      el('div', null, el('strong', null, route.kind + ' ' + route.metadata.namespace + '/' + route.metadata.name), ' ',
          conditionBadges(parent.conditions)));
  for (const entry of rules.get(routeKey(route)) || []) {
    view.append(ruleView(entry));
  }
  return view;
}

function ruleView(entry) {
  const rule = entry.rule;
  const index = rule.name.slice(rule.name.lastIndexOf('/') + 1);
  const label = rule.ruleName ? 'rule ' + rule.ruleName : 'rule #' + index;
  const matches = entry.matches.map(describeMatch).join(' | ');
  const hostnames = [...entry.hostnames].join(', ');
  const target = rule.directResponseStatus ? 'answers ' + rule.directResponseStatus
      : (rule.backends || []).map(describeBackend).join(', ') || 'no backend';
  const filters = (rule.filters || []).map(describeFilter).filter(Boolean);
  return el('div', {class: 'rule', 'data-rule': rule.name},
      el('strong', null, label), ' ', el('code', null, matches), ' on ', el('code', null, hostnames), ' → ', target,
      filters.length ? ' · filters: ' + filters.join(', ') : '', ' · ', rateView(rates.get(rule.name)));
}

function describeMatch(match) {
  const parts = [];
  if (match.method) {
    parts.push(match.method);
  }
  if (match.path) {
    parts.push((match.path.type || '').toLowerCase() + ' ' + match.path.value);
  }
  for (const header of match.headers || []) {
    parts.push('header ' + (header.name || '') + '=' + (header.value || ''));
  }
  for (const query of match.queryParams || []) {
    parts.push('query ' + (query.name || '') + '=' + (query.value || ''));
  }
  return parts.join(' ') || 'any request';
}

function describeBackend(backend) {
  const endpoints = (backend.endpoints || []).length;
  const invalid = backend.errorStatus ? ' (invalid: ' + backend.errorStatus + ')' : '';
  return backend.name + ' ×' + backend.weight + ' [' + endpoints + ' endpoint' + (endpoints === 1 ? '' : 's') + ']' + invalid;
}

function describeFilter(filter) {
  if (!filter || typeof filter !== 'object') {
    return String(filter);
  }
  return filter.type || filter.key || filter.name || Object.keys(filter).join('/');
}

function rateView(rate) {
  if (!rate) {
    return el('span', {class: 'muted'}, 'no requests yet');
  }
  if (rate.perSecond === null) {
    return el('span', {class: 'rate'}, rate.total + ' requests, ' + rate.failed + ' failed');
  }
  const failed = rate.failedRatio === null ? '' : ', ' + (100 * rate.failedRatio).toFixed(1) + '% failed';
  return el('span', {class: rate.failedRatio > 0 ? 'errors' : 'rate'}, rate.perSecond.toFixed(1) + ' req/s' + failed
      + ' (' + rate.total + ' in all)');
}

// The explain form: GET /explain with the request's facts; the query is kept in the page's address
// (#explain?host=...) so an explanation can be linked to and is shown again on load.
function explainQuery(form) {
  const query = new URLSearchParams();
  for (const name of ['host', 'path', 'method', 'listener']) {
    const value = form.elements[name].value.trim();
    if (value) {
      query.append(name, value);
    }
  }
  for (const line of form.elements.headers.value.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      query.append('header', line.slice(0, colon).trim() + ':' + line.slice(colon + 1).trim());
    }
  }
  return query;
}

async function explain(query) {
  const output = document.getElementById('explain');
  output.replaceChildren(el('p', {class: 'muted'}, 'Explaining…'));
  try {
    const answer = await get('../explain?' + query.toString());
    if (answer.status === 404 && !answer.text.trim().startsWith('{')) {
      output.replaceChildren(el('p', {class: 'bad'}, 'This gateway has no /explain endpoint.'));
      return;
    }
    let body;
    try {
      body = JSON.parse(answer.text);
    } catch (error) {
      output.replaceChildren(el('p', null, 'HTTP ' + answer.status + ': ' + answer.text));
      return;
    }
    output.replaceChildren(explanationSummary(body), el('pre', {id: 'explain-json'}, JSON.stringify(body, null, 2)));
  } catch (error) {
    output.replaceChildren(el('p', null, 'admin API unreachable: ' + error.message));
  }
}

// One card per socket explained (GET /explain's "explanations"): the answer, then why each match before it did not
// apply (its "mismatch": the first condition the request failed).
function explanationSummary(body) {
  const facts = [];
  for (const explanation of body.explanations || []) {
    const result = explanation.result || {};
    facts.push(el('div', null, el('strong', null, 'socket: '), String(explanation.socket)));
    if (result.matched) {
      for (const name of ['listener', 'route', 'rule', 'ruleName']) {
        if (result[name]) {
          facts.push(el('div', null, el('strong', null, name + ': '), String(result[name])));
        }
      }
    } else {
      facts.push(el('div', {class: 'bad'}, 'no route matches: answered ' + (result.directResponseStatus || 404)));
    }
    for (const match of explanation.matches || []) {
      if (match.reason) {
        facts.push(el('div', {class: 'muted'}, match.match + ': ' + match.reason));
      }
    }
    for (const note of explanation.notes || []) {
      facts.push(el('div', {class: 'muted'}, note));
    }
  }
  return el('div', {class: 'card', id: 'explain-summary'}, ...facts);
}

function explainFromAddress(form) {
  if (!location.hash.startsWith('#explain?')) {
    return;
  }
  const query = new URLSearchParams(location.hash.slice('#explain?'.length));
  for (const name of ['host', 'path', 'method', 'listener']) {
    if (query.has(name)) {
      form.elements[name].value = query.get(name);
    }
  }
  form.elements.headers.value = query.getAll('header').map(header => header.replace(':', ': ')).join('\n');
  explain(query);
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('explain-form');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const query = explainQuery(form);
    history.replaceState(null, '', '#explain?' + query.toString());
    explain(query);
  });
  document.getElementById('scope').addEventListener('submit', event => event.preventDefault());
  document.getElementById('namespace').addEventListener('change', () => {
    previousCounts = null;
    refresh();
  });
  explainFromAddress(form);
  refresh();
  setInterval(refresh, REFRESH_MS);
});
