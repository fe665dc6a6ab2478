/* wsmon report: charts (uPlot), sortable tables and an optional live data source.
 * Reads its data from the JSON data element #wsmon-data:
 *   {"charts": [{"id", "title", "series": [{"key", "label"}]}], "points": [...], "snapshot": {...},
 *    "live": null | "url of an EventSource whose messages (unnamed or 'stats') are
 *             {"snapshot"? | "total"?, "points"? | "point"?, "sections"?: {"element id": "html"}}"}
 * "sections" holds server-rendered (and server-escaped) replacements of whole elements of this page
 * (header, figures, connection table, close codes, timeline); the sort order a reader chose is kept.
 * Exposes window.WsmonReport.update(message) for other live sources. */
(function () {
  'use strict';
  var PALETTE = ['#2563eb', '#ea580c', '#16a34a', '#dc2626', '#7c3aed', '#0891b2'];
  var MAX_POINTS = 10000;
  var plots = {};
  var state = { charts: [], points: [] };

  function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }

  function columns(chart, points) {
    var xs = [];
    var ys = chart.series.map(function () { return []; });
    var count = 0;
    points.forEach(function (p) {
      var t = Date.parse(p.timestamp);
      if (isNaN(t)) { return; }
      xs.push(t / 1000);
      var any = false;
      chart.series.forEach(function (s, i) {
        var v = num(p[s.key]);
        ys[i].push(v);
        if (v !== null) { any = true; }
      });
      if (any) { count++; }
    });
    return { data: [xs].concat(ys), count: count };
  }

  function draw(chart) {
    var el = document.getElementById(chart.id);
    if (!el) { return; }
    var body = el.querySelector('.chart-body');
    var c = columns(chart, state.points);
    el.setAttribute('data-points', String(c.count));
    if (c.count === 0 || typeof uPlot === 'undefined') {
      if (plots[chart.id]) { plots[chart.id].destroy(); delete plots[chart.id]; }
      body.textContent = c.count === 0 ? 'no data' : '';
      body.classList.toggle('empty', c.count === 0);
      return;
    }
    body.classList.remove('empty');
    if (plots[chart.id]) { plots[chart.id].setData(c.data); return; }
    body.textContent = '';
    var opts = {
      width: Math.max(280, body.clientWidth || 560),
      height: 200,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' } },
        { stroke: '#64748b', size: 56, grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' } }
      ],
      series: [{}].concat(chart.series.map(function (s, i) {
        var color = PALETTE[i % PALETTE.length];
        return { label: s.label, stroke: color, width: 2, points: { show: c.count < 40, size: 5, fill: color } };
      }))
    };
    plots[chart.id] = new uPlot(opts, c.data, body);
  }

  function drawAll() { state.charts.forEach(draw); }

  function resize() {
    Object.keys(plots).forEach(function (id) {
      var body = document.getElementById(id).querySelector('.chart-body');
      plots[id].setSize({ width: Math.max(280, body.clientWidth), height: 200 });
    });
  }

  var FORMATS = {
    int: function (v) { return v === null ? '\u2014' : Math.round(v).toLocaleString('en-US'); },
    dec: function (v) { return v === null ? '\u2014' : v.toLocaleString('en-US', { maximumFractionDigits: 1 }); },
    pct: function (v) { return v === null ? '\u2014' : v.toLocaleString('en-US', { maximumFractionDigits: 2 }) + ' %'; },
    ratio: function (v) { return v === null ? '\u2014' : (v * 100).toLocaleString('en-US', { maximumFractionDigits: 3 }) + ' %'; },
    ms: function (v) { return v === null ? '\u2014' : v.toLocaleString('en-US', { maximumFractionDigits: 3 }) + ' ms'; },
    text: function (v) { return v === null || v === undefined ? '\u2014' : String(v); }
  };

  function lookup(obj, path) {
    return path.split('.').reduce(function (o, k) { return o && typeof o === 'object' ? o[k] : undefined; }, obj);
  }

  function updateFigures(snapshot) {
    var total = snapshot && snapshot.total;
    if (!total) { return; }
    document.querySelectorAll('[data-metric]').forEach(function (el) {
      var v = lookup(total, el.getAttribute('data-metric'));
      var f = FORMATS[el.getAttribute('data-format')] || FORMATS.text;
      el.textContent = f(typeof v === 'string' ? v : num(v));
      if (el.hasAttribute('data-band')) { el.setAttribute('data-band', String(v || '').toLowerCase()); }
    });
  }

  var sorted = {};

  function replaceSections(sections) {
    Object.keys(sections).forEach(function (id) {
      var el = document.getElementById(id);
      var html = sections[id];
      if (!el || typeof html !== 'string') { return; }
      var holder = document.createElement('div');
      holder.innerHTML = html;
      var fresh = holder.firstElementChild;
      if (!fresh || fresh.id !== id) { return; }
      var scrolls = Array.prototype.map.call(el.querySelectorAll('.scroll'), function (s) { return s.scrollTop; });
      el.parentNode.replaceChild(fresh, el);
      fresh.querySelectorAll('table.sortable').forEach(function (table) {
        sortable(table);
        var s = sorted[table.id];
        if (s) { sortBy(table, s.col, s.asc); }
      });
      fresh.querySelectorAll('.scroll').forEach(function (s, i) { if (scrolls[i]) { s.scrollTop = scrolls[i]; } });
    });
  }

  function update(message) {
    if (!message || typeof message !== 'object') { return; }
    if (message.sections && typeof message.sections === 'object') { replaceSections(message.sections); }
    if (Array.isArray(message.points)) {
      state.points = message.points.slice(-MAX_POINTS);
    } else if (message.point && typeof message.point === 'object') {
      var last = state.points[state.points.length - 1];
      if (last && last.timestamp === message.point.timestamp) {
        state.points[state.points.length - 1] = message.point;
      } else {
        state.points.push(message.point);
      }
      if (state.points.length > MAX_POINTS) { state.points.shift(); }
    }
    if (message.snapshot) { updateFigures(message.snapshot); }
    else if (message.total) { updateFigures({ total: message.total }); }
    drawAll();
  }

  function sortKey(cell) {
    var v = cell.getAttribute('data-sort');
    if (v === null) { v = cell.textContent; }
    var n = Number(v);
    return v !== '' && !isNaN(n) ? n : v;
  }

  function compare(a, b) {
    if (typeof a === 'number' && typeof b === 'number') { return a - b; }
    if (typeof a === 'number') { return -1; }
    if (typeof b === 'number') { return 1; }
    return String(a).localeCompare(String(b), 'en', { numeric: true });
  }

  function sortBy(table, col, asc) {
    var heads = table.tHead.rows[0].cells;
    if (!heads[col]) { return; }
    Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
    heads[col].setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    if (table.id) { sorted[table.id] = { col: col, asc: asc }; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) { return compare(sortKey(a.cells[col]), sortKey(b.cells[col])) * (asc ? 1 : -1); });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function sortable(table) {
    if (!table.tHead || !table.tBodies[0]) { return; }
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.setAttribute('tabindex', '0');
      var sort = function () { sortBy(table, col, th.getAttribute('aria-sort') !== 'ascending'); };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  }

  function init() {
    var el = document.getElementById('wsmon-data');
    var data = el ? JSON.parse(el.textContent) : {};
    state.charts = Array.isArray(data.charts) ? data.charts : [];
    state.points = Array.isArray(data.points) ? data.points : [];
    drawAll();
    document.querySelectorAll('table.sortable').forEach(sortable);
    window.addEventListener('resize', resize);
    if (typeof data.live === 'string' && typeof EventSource !== 'undefined') {
      var source = new EventSource(data.live, { withCredentials: true });
      var onEvent = function (e) {
        document.body.setAttribute('data-live', 'on');
        var message;
        try { message = JSON.parse(e.data); } catch (err) { return; /* ignore a bad message */ }
        update(message);
      };
      source.onmessage = onEvent;
      source.addEventListener('stats', onEvent);
      source.onerror = function () { document.body.setAttribute('data-live', 'lost'); };
      document.body.setAttribute('data-live', 'on');
    }
  }

  window.WsmonReport = { update: update, sortable: sortable };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
