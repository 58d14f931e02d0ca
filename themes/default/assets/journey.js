/* journey.js: step-by-step navigation. Progress per journey is kept in
 * localStorage as {done: [ids], skipped: [ids]} (an older plain array is
 * read as the done list); it can be handed over as a URL
 * (#done=a,b&skip=c). Opening such a URL when this browser already has
 * other progress asks first: merge, replace or keep. The step to do next
 * is marked (aria-current="step") and opened. A short summary per journey
 * (shirube:summary:ID) feeds the home page's "continue" box. On a printable
 * checklist page the same progress ticks the boxes. Classic script,
 * ES2017, works from file://. Without it the page is a plain list with
 * every step open and no controls. */
(function () {
  'use strict';
  var PREFIX = 'shirube:progress:';

  function store(k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  function fetch(k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } }
  function read(journey, known) {
    var v = null;
    try { v = JSON.parse(fetch(PREFIX + journey) || 'null'); } catch (e) { v = null; }
    if (Array.isArray(v)) v = { done: v, skipped: [] };
    if (!v || typeof v !== 'object') v = { done: [], skipped: [] };
    function clean(a) { return Array.isArray(a) ? a.filter(function (id) { return typeof id === 'string' && known[id]; }) : []; }
    return { done: clean(v.done), skipped: clean(v.skipped) };
  }
  /* decodeURIComponent that never throws (#done=%ZZ) */
  function decode(s) {
    try { return decodeURIComponent(s); } catch (e) { return ''; }
  }

  /* the printable checklist: tick what is done */
  var table = document.querySelector('.check-table[data-journey]');
  if (table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll('tr[data-step]'));
    var all = {};
    rows.forEach(function (r) { all[r.getAttribute('data-step')] = true; });
    var p = read(table.getAttribute('data-journey'), all);
    rows.forEach(function (r) {
      var id = r.getAttribute('data-step'), box = r.querySelector('.tickbox');
      var state = p.done.indexOf(id) >= 0 ? 'done' : p.skipped.indexOf(id) >= 0 ? 'skipped' : '';
      if (!state || !box) return;
      r.classList.add('is-' + state);
      box.textContent = state === 'done' ? '✓' : '–';
      box.setAttribute('aria-label', table.getAttribute('data-state-' + state));
      box.setAttribute('role', 'img');
    });
    return;
  }

  var nav = document.querySelector('.stepnav');
  if (!nav) return;
  var journey = nav.getAttribute('data-journey');
  var key = PREFIX + journey;
  var doneBoxes = Array.prototype.slice.call(nav.querySelectorAll('input.step-done'));
  var skipBoxes = Array.prototype.slice.call(nav.querySelectorAll('input.step-skip'));
  var steps = Array.prototype.slice.call(nav.querySelectorAll('li.step'));
  var summary = nav.querySelector('.progress-summary');
  var tools = nav.querySelector('.progress-tools');
  var share = nav.querySelector('.progress-share');
  var shareUrl = nav.querySelector('.share-url');
  var shareStatus = nav.querySelector('.share-status');
  var merge = nav.querySelector('.progress-merge');
  var toggle = nav.querySelector('.toggle-all');
  var details = Array.prototype.slice.call(nav.querySelectorAll('li.step > details'));
  var known = {};
  doneBoxes.forEach(function (b) { known[b.value] = true; });
  function attr(n) { return nav.getAttribute('data-' + n) || ''; }

  function current() {
    return {
      done: doneBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
      skipped: skipBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; })
    };
  }
  function save() {
    var p = current();
    store(key, JSON.stringify(p));
    return p;
  }
  function notice(text) {
    var old = nav.querySelector('.progress > .notice');
    if (old) old.parentNode.removeChild(old);
    var note = document.createElement('p');
    note.className = 'notice';
    note.setAttribute('role', 'status');
    note.textContent = text;
    summary.parentNode.insertBefore(note, summary);
  }

  /* states, totals, the current step */
  function update() {
    var groups = {}, order = [], next = null;
    steps.forEach(function (li) {
      var id = li.getAttribute('data-step'), g = li.getAttribute('data-group');
      var d = li.querySelector('input.step-done'), s = li.querySelector('input.step-skip');
      var state = d.checked ? 'done' : (s && s.checked) ? 'skipped' : 'todo';
      if (s) s.disabled = d.checked;
      li.classList.toggle('is-done', state === 'done');
      li.classList.toggle('is-skipped', state === 'skipped');
      var label = li.querySelector('.step-state');
      if (label) {
        label.textContent = attr('state-' + state);
        label.className = 'step-state state-' + state;
        label.hidden = false;
      }
      if (!groups[g]) { groups[g] = { done: false, open: false }; order.push(g); }
      if (state === 'done') groups[g].done = true;
      if (state === 'todo') groups[g].open = true;
      li.removeAttribute('aria-current');
      li.classList.remove('is-current');
      if (id && state === 'todo' && !next) next = li;
    });
    var total = 0, n = 0, skipped = 0;
    order.forEach(function (g) {
      var x = groups[g];
      if (x.done) { total++; n++; } else if (x.open) total++; else skipped++;
    });
    /* the next step: the first one not done or skipped whose group is not done */
    next = null;
    for (var i = 0; i < steps.length; i++) {
      var li = steps[i], g = li.getAttribute('data-group');
      if (!groups[g].done && !li.classList.contains('is-skipped')) { next = li; break; }
    }
    if (next) { next.setAttribute('aria-current', 'step'); next.classList.add('is-current'); }
    var text = attr('summary').replace('{total}', total).replace('{done}', n);
    if (skipped) text += attr('summary-skip').replace('{skipped}', skipped);
    summary.textContent = text;
    var sum = { title: attr('title'), url: attr('url'), total: total, done: n, time: Date.now() };
    if (next) { sum.next = next.querySelector('.step-title').textContent; sum.step = next.getAttribute('data-step'); }
    store('shirube:summary:' + journey, JSON.stringify(sum));
    return next;
  }
  function apply(p) {
    var d = {}, s = {};
    p.done.forEach(function (id) { d[id] = true; });
    p.skipped.forEach(function (id) { s[id] = true; });
    doneBoxes.forEach(function (b) { b.checked = !!d[b.value]; });
    skipBoxes.forEach(function (b) { b.checked = !!s[b.value] && !d[b.value]; });
    return update();
  }
  function same(a, b) {
    return a.done.slice().sort().join(',') === b.done.slice().sort().join(',') &&
      a.skipped.slice().sort().join(',') === b.skipped.slice().sort().join(',');
  }

  /* a progress URL: #done=id,id&skip=id */
  var hash = window.location.hash, incoming = null;
  if (/^#done=/.test(hash)) {
    incoming = { done: [], skipped: [] };
    hash.slice(1).split('&').forEach(function (part) {
      var kv = part.split('='), ids = decode(kv.slice(1).join('=')).split(',').filter(function (id) { return known[id]; });
      if (kv[0] === 'done') incoming.done = ids;
      else if (kv[0] === 'skip') incoming.skipped = ids.filter(function (id) { return incoming.done.indexOf(id) < 0; });
    });
    if (window.history && window.history.replaceState)
      window.history.replaceState(null, '', window.location.href.split('#')[0]);
  }
  var mine = read(journey, known);
  var hadMine = fetch(key) !== null && (mine.done.length || mine.skipped.length);
  var next;
  if (incoming && hadMine && !same(incoming, mine)) {
    next = apply(mine);
    merge.hidden = false;
    var first = merge.querySelector('button');
    var finish = function (p, msg) {
      merge.hidden = true;
      var nx = apply(p);
      save();
      openCurrent(nx);
      notice(msg);
      summary.focus && summary.setAttribute('tabindex', '-1');
      summary.focus();
    };
    merge.querySelector('.merge-merge').addEventListener('click', function () {
      var d = mine.done.concat(incoming.done.filter(function (id) { return mine.done.indexOf(id) < 0; }));
      var s = mine.skipped.concat(incoming.skipped).filter(function (id, i, a) { return a.indexOf(id) === i && d.indexOf(id) < 0; });
      finish({ done: d, skipped: s }, attr('merged'));
    });
    merge.querySelector('.merge-replace').addEventListener('click', function () { finish(incoming, attr('imported')); });
    merge.querySelector('.merge-keep').addEventListener('click', function () { finish(mine, attr('kept')); });
    setTimeout(function () { first.focus(); }, 0);
  } else if (incoming) {
    next = apply(incoming);
    save();
    notice(attr('imported'));
  } else {
    next = apply(mine);
  }
  tools.hidden = false;
  Array.prototype.forEach.call(nav.querySelectorAll('.step-check'), function (p) { p.hidden = false; });

  function changed() { save(); update(); }
  doneBoxes.forEach(function (b) { b.addEventListener('change', changed); });
  skipBoxes.forEach(function (b) { b.addEventListener('change', changed); });
  nav.querySelector('.progress-reset').addEventListener('click', function () {
    apply({ done: [], skipped: [] });
    save();
    share.hidden = true;
  });
  nav.querySelector('.progress-export').addEventListener('click', function () {
    var p = current();
    var url = window.location.href.split('#')[0] + '#done=' + encodeURIComponent(p.done.join(','));
    if (p.skipped.length) url += '&skip=' + encodeURIComponent(p.skipped.join(','));
    shareUrl.value = url;
    shareStatus.textContent = '';
    share.hidden = false;
    shareUrl.focus();
    shareUrl.select();
  });
  nav.querySelector('.share-copy').addEventListener('click', function () {
    shareUrl.select();
    function ok() { shareStatus.textContent = attr('copied'); }
    function fail() {
      var done = false;
      try { done = document.execCommand && document.execCommand('copy'); } catch (e) { done = false; }
      shareStatus.textContent = attr(done ? 'copied' : 'copy-failed');
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(shareUrl.value).then(ok, fail);
    else fail();
  });

  /* open the step in the URL, else the current one; show all / hide all */
  function openCurrent(nx) {
    var target = window.location.hash.indexOf('#step-') === 0 ? window.location.hash.slice(1) : '';
    details.forEach(function (d) {
      d.open = target ? d.parentNode.id === target : d.parentNode === nx;
    });
    syncToggle();
  }
  function syncToggle() {
    var allOpen = details.every(function (d) { return d.open; });
    toggle.textContent = attr(allOpen ? 'hide-all' : 'show-all');
    toggle.setAttribute('aria-expanded', allOpen ? 'true' : 'false');
  }
  toggle.addEventListener('click', function () {
    var open = !details.every(function (d) { return d.open; });
    details.forEach(function (d) { d.open = open; });
    syncToggle();
  });
  details.forEach(function (d) { d.addEventListener('toggle', syncToggle); });
  window.addEventListener('hashchange', function () {
    var el = document.getElementById(decode(window.location.hash.slice(1)));
    if (el && el.tagName === 'LI') { el.querySelector('details').open = true; syncToggle(); }
  });
  /* printing opens every step; closing the dialog restores them */
  var before = null;
  window.addEventListener('beforeprint', function () {
    before = details.map(function (d) { return d.open; });
    details.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    if (before) details.forEach(function (d, i) { d.open = before[i]; });
    before = null;
    syncToggle();
  });
  openCurrent(next);
})();
