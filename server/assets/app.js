// The numauth page. Every string that comes from a log or the API is put into the page as text
// (text nodes / textContent), never parsed as HTML: no HTML sink is used in this file.
'use strict';

const UI = {
  en: {
    title: 'numauth: one-click login result codes', lookup: 'Look a code up', code: 'Code',
    msg: 'Message (China Unicom)', log: 'Analyse a callback log',
    log_help: 'Paste NDJSON or raw log lines, or choose a file. Nothing leaves this server.',
    run: 'Analyse', by_category: 'By category', carriers: 'Carriers', top_outcomes: 'Top outcomes',
    outcome: 'Outcome', count: 'Count', who_acts: 'Who acts', action: 'Recommended action',
    top_causes: 'Top root causes (carrier or inner code)', source_code: 'Source and code',
    meaning: 'Meaning', unusable: 'Unusable lines', first_lines: 'First callbacks',
    unknown_codes: 'Codes not in the catalog', first_msg: 'Message as logged (first)',
    other_unknown: 'others (first seen after the report held 10,000 codes or 1 MiB of them)',
    raw_msg: 'Message as logged', carrier: 'Carrier',
    footer: 'Served by numauth serve · API under /v1 · data', lines: 'lines',
    callbacks: 'callbacks', unusable_n: 'unusable', unknown: 'codes not in the catalog',
    not_found: 'Not in the catalog', searching: 'Looking up…', reading: 'Reading the log…',
    empty: 'Paste a log or choose a file first.', none: 'none', line: 'line',
    category: 'Category', retryable: 'Retryable', yes: 'yes', no: 'no', vendor: 'Vendor says',
    tell_user: 'Tell the user', not_catalogued: '(not in the catalog)',
    cmcc: 'China Mobile', cucc: 'China Unicom', ctcc: 'China Telecom', unknown_carrier: 'not known',
    done: 'Report ready.'
  },
  zh: {
    title: 'numauth：一键登录结果码', lookup: '查询代码', code: '代码', msg: '消息（中国联通）',
    log: '分析回调日志', log_help: '粘贴 NDJSON 或原始日志行，或选择文件。数据只发送到本服务。',
    run: '分析', by_category: '按类别', carriers: '运营商', top_outcomes: '主要结果', outcome: '结果',
    count: '次数', who_acts: '处理方', action: '建议操作', top_causes: '主要根因（运营商或内层代码）',
    source_code: '来源与代码', meaning: '含义', unusable: '无法使用的行', first_lines: '前几条回调',
    unknown_codes: '未收录的代码', first_msg: '日志中的消息（首条）',
    other_unknown: '其他（报告已存满 10000 种或 1 MiB 之后首次出现的）',
    raw_msg: '日志中的消息', carrier: '运营商', footer: '由 numauth serve 提供 · API 位于 /v1 · 数据',
    lines: '行', callbacks: '条回调', unusable_n: '行无法使用', unknown: '条未收录代码',
    not_found: '目录中没有此代码', searching: '查询中…', reading: '读取日志中…',
    empty: '请先粘贴日志或选择文件。', none: '无', line: '行', category: '类别', retryable: '可重试',
    yes: '可以', no: '否', vendor: '厂商建议', tell_user: '提示用户', not_catalogued: '（未收录）',
    cmcc: '中国移动', cucc: '中国联通', ctcc: '中国电信', unknown_carrier: '未知', done: '报告已生成。'
  }
};
const PALETTE = ['#2e7d32', '#0277bd', '#f9a825', '#c62828', '#6a1b9a', '#ef6c00', '#00838f', '#5d4037'];
const CARRIERS = [['cmcc', '#1565c0'], ['cucc', '#c62828'], ['ctcc', '#2e7d32'], ['unknown', '#9e9e9e']];
const SVG = 'http://www.w3.org/2000/svg';

let lang = (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
let labels = null;
let lastLog = null;

const $ = (id) => document.getElementById(id);
const t = (key) => UI[lang][key] || key;
const word = (group, id, field) => {
  const entry = labels && labels[group] && labels[group][id];
  const text = entry && (field ? entry[field] : entry);
  return (text && text[lang]) || id;
};

// An element with attributes and children; strings become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

function setStatus(id, text, isError) {
  $(id).textContent = text;
  $(id).classList.toggle('err', !!isError);
}

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.text();
  let json = null;
  try { json = JSON.parse(body); } catch (e) { /* NDJSON or empty */ }
  if (!response.ok) throw new Error((json && json.error) || response.statusText);
  return { json, body };
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  $('lang-zh').classList.toggle('on', lang === 'zh');
  $('lang-en').classList.toggle('on', lang === 'en');
}

// ---- lookup as you type ----
let lookupTimer = null;
function scheduleLookup() {
  clearTimeout(lookupTimer);
  lookupTimer = setTimeout(lookup, 150);
}

async function lookup() {
  const code = $('code').value.trim();
  const msg = $('msg').value.trim();
  const results = $('lookup-results');
  if (!code) { results.replaceChildren(); setStatus('lookup-status', ''); return; }
  setStatus('lookup-status', t('searching'));
  const query = msg ? '?msg=' + encodeURIComponent(msg) : '';
  try {
    const { json } = await api('/v1/explain/' + encodeURIComponent(code) + query);
    if ($('code').value.trim() !== code) return; // typed on meanwhile
    results.replaceChildren(...json.map(entryView));
    setStatus('lookup-status', '');
  } catch (e) {
    results.replaceChildren();
    setStatus('lookup-status', t('not_found') + ': ' + e.message, true);
  }
}

function entryView(e) {
  const row = (key, value) => [el('dt', {}, t(key)), el('dd', {}, value)];
  const pick = (pair) => (pair && (pair[lang] || pair.en || pair.zh)) || '';
  const items = [
    ...row('outcome', word('outcomes', e.outcome, 'title') + ' (' + e.outcome + ')'),
    ...row('category', word('categories', e.category)),
    ...row('who_acts', word('actors', e.actor)),
    ...row('retryable', e.retryable ? t('yes') : t('no')),
    ...row('action', word('actions', e.action)),
  ];
  if (e.suggestion) items.push(...row('vendor', pick(e.suggestion)));
  items.push(...row('tell_user', word('outcomes', e.outcome, 'user_text')));
  return el('div', { class: 'entry', 'data-source': e.source },
    el('strong', {}, word('sources', e.source) + ' · ' + e.code + (e.match ? ' [' + pick(e.match) + ']' : '')),
    el('div', {}, pick(e.message)),
    el('dl', {}, ...items));
}

// ---- the log report ----
async function readLog() {
  const file = $('file').files[0];
  if (!file) return $('log').value;
  // A gzip file (`.ndjson.gz`) is unzipped here first, as the CLI and the API read one.
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    return new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
  }
  return file.text();
}

async function runReport() {
  const text = lastLog = await readLog();
  if (!text.trim()) { setStatus('report-status', t('empty'), true); return; }
  await showReport(text);
}

async function showReport(text) {
  setStatus('report-status', t('reading'));
  try {
    const head = text.split('\n').slice(0, 20).join('\n');
    const [report, lines] = await Promise.all([
      api('/v1/report?top=10&lang=' + lang, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text }),
      api('/v1/normalize', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: head }),
    ]);
    renderReport(report.json, lines.body);
    setStatus('report-status', t('done'));
  } catch (e) {
    setStatus('report-status', e.message, true);
  }
}

function renderReport(r, ndjson) {
  $('report').hidden = false;
  $('cards').replaceChildren(...[
    ['lines', r.lines, 'lines'], ['callbacks', r.callbacks, 'callbacks'],
    ['unusable', r.unusable, 'unusable_n'], ['unknown', r.unknown_codes, 'unknown'],
  ].map(([id, n, key]) => el('div', { class: 'card' }, el('b', { id: 'n-' + id }, n), t(key))));
  renderCategories(r);
  $('carrier-legend').replaceChildren(...CARRIERS.map(([id, color]) =>
    el('li', {}, swatch(color), t(id === 'unknown' ? 'unknown_carrier' : id))));
  $('outcomes').tBodies[0].replaceChildren(...r.top_outcomes.map((row) => el('tr', { 'data-outcome': row.outcome, 'data-actor': row.actor },
    el('td', {}, word('outcomes', row.outcome, 'title'), el('br'), el('span', { class: 'id' }, row.outcome)),
    el('td', { class: 'count' }, row.count), el('td', { class: 'share' }, row.share.toFixed(1)),
    el('td', {}, carrierBar(row.carriers)),
    el('td', {}, word('actors', row.actor)),
    el('td', {}, word('actions', row.action), el('br'), el('small', {}, word('outcomes', row.outcome, 'user_text'))))));
  const causes = r.top_root_causes.map((row) => el('tr', { 'data-cause': row.source },
    el('td', {}, word('sources', row.source), el('br'),
      el('span', { class: 'id' }, row.code + (row.match ? ' [' + row.match + ']' : ''))),
    el('td', {}, row.message || t('not_catalogued')), el('td', { class: 'count' }, row.count),
    el('td', { class: 'share' }, row.share.toFixed(1)), el('td', {}, carrierBar(row.carriers)),
    el('td', {}, el('span', { class: 'id' }, row.outcome), el('br'), word('actions', row.action))));
  $('causes').tBodies[0].replaceChildren(...(causes.length ? causes : [el('tr', {}, el('td', {}, t('none')))]));
  renderUnknown(r);
  $('unusable').replaceChildren(...r.unusable_examples.map((u) => el('li', {}, t('line') + ' ' + u.line + ': ' + u.error)));
  renderLines(ndjson);
}

// The unknown top-level codes; the section is hidden when there are none.
function renderUnknown(r) {
  $('unknown-section').hidden = r.unknown_codes === 0;
  const rows = r.top_unknown_codes.map((row) => el('tr', { 'data-unknown': row.source, 'data-code': row.code },
    el('td', {}, word('sources', row.source), el('br'), el('span', { class: 'id' }, row.code)),
    el('td', { class: 'raw' }, row.raw_msg || ''), el('td', { class: 'count' }, row.count),
    el('td', { class: 'share' }, row.share.toFixed(1)), el('td', {}, carrierBar(row.carriers))));
  if (r.other_unknown_codes > 0) {
    rows.push(el('tr', { 'data-unknown': 'other' }, el('td', { colspan: 2 }, t('other_unknown')),
      el('td', { class: 'count' }, r.other_unknown_codes), el('td', {}), el('td', {})));
  }
  $('unknown').tBodies[0].replaceChildren(...rows);
}

// An SVG square: a colour attribute, not an inline style, which the page's CSP forbids.
function swatch(color) {
  const box = svg('svg', { width: 12, height: 12, class: 'sw' });
  box.append(svg('rect', { width: 12, height: 12, fill: color }));
  return box;
}

// A donut: one arc per category, drawn with stroke-dasharray on circles.
function renderCategories(r) {
  const entries = Object.entries(r.categories);
  const total = entries.reduce((s, [, n]) => s + n, 0) || 1;
  const radius = 60;
  const length = 2 * Math.PI * radius;
  const chart = svg('svg', { width: 160, height: 160, viewBox: '0 0 160 160', role: 'img' });
  let offset = 0;
  entries.forEach(([id, n], i) => {
    const arc = length * n / total;
    chart.append(svg('circle', {
      cx: 80, cy: 80, r: radius, fill: 'none', stroke: PALETTE[i % PALETTE.length], 'stroke-width': 28,
      'stroke-dasharray': arc + ' ' + (length - arc), 'stroke-dashoffset': -offset, transform: 'rotate(-90 80 80)',
    }));
    offset += arc;
  });
  const label = svg('text', { x: 80, y: 86, 'text-anchor': 'middle', 'font-size': 18 });
  label.textContent = String(r.callbacks);
  chart.append(label);
  $('donut').replaceChildren(chart);
  $('category-legend').replaceChildren(...entries.map(([id, n], i) =>
    el('li', { 'data-category': id, 'data-count': n }, swatch(PALETTE[i % PALETTE.length]),
      word('categories', id) + ': ' + n + ' (' + (100 * n / total).toFixed(1) + '%)')));
}

// A stacked bar of the carrier split.
function carrierBar(c) {
  const total = CARRIERS.reduce((s, [id]) => s + (c[id] || 0), 0) || 1;
  const bar = svg('svg', { width: 160, height: 14, role: 'img' });
  const title = svg('title');
  title.textContent = CARRIERS.map(([id]) => t(id === 'unknown' ? 'unknown_carrier' : id) + ' ' + (c[id] || 0)).join(' · ');
  bar.append(title);
  let x = 0;
  for (const [id, color] of CARRIERS) {
    const w = 160 * (c[id] || 0) / total;
    if (w > 0) bar.append(svg('rect', { x, width: w, height: 14, fill: color }));
    x += w;
  }
  return bar;
}

function renderLines(ndjson) {
  const rows = ndjson.split('\n').filter((l) => l.trim()).map((line, i) => {
    let n = null;
    try { n = JSON.parse(line); } catch (e) { /* shown as unusable */ }
    if (!n || n.error) {
      return el('tr', { class: 'bad' }, el('td', {}, i + 1), el('td', { colspan: 4 }, (n && n.error) || line));
    }
    return el('tr', {}, el('td', {}, i + 1),
      el('td', {}, word('sources', n.source) + ' · ' + n.code), el('td', { class: 'raw' }, n.raw_msg || ''),
      el('td', {}, word('outcomes', n.outcome, 'title')), el('td', {}, n.carrier ? t(n.carrier) : ''));
  });
  $('lines').tBodies[0].replaceChildren(...rows);
}

async function setLanguage(next) {
  lang = next;
  applyLanguage();
  if ($('code').value.trim()) await lookup();
  if (lastLog) await showReport(lastLog);
}

async function start() {
  applyLanguage();
  $('lang-zh').addEventListener('click', () => setLanguage('zh'));
  $('lang-en').addEventListener('click', () => setLanguage('en'));
  $('code').addEventListener('input', scheduleLookup);
  $('msg').addEventListener('input', scheduleLookup);
  $('run').addEventListener('click', runReport);
  $('file').addEventListener('change', runReport);
  try {
    labels = (await api('/v1/labels')).json;
    $('data-version').textContent = labels.data_version;
  } catch (e) {
    setStatus('lookup-status', e.message, true);
  }
  document.body.dataset.ready = '1';
}

document.addEventListener('DOMContentLoaded', start);
