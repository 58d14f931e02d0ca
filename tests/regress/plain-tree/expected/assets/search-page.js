/* search-page.js: the search page. Reads ?q= (and filters) from the URL,
 * searches as you type, shows results with highlighted excerpts, and lets
 * the arrow keys move between results. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.shirube || !window.shirube.search) return;
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
  var root = (document.querySelector('script[src$="assets/search.js"]').src || '').replace(/assets\/search\.js$/, '');
  var seq = 0;

  function params() {
    var out = {};
    (window.location.search || '').replace(/^\?/, '').split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('=');
      var k = decodeURIComponent((i < 0 ? kv : kv.slice(0, i)).replace(/\+/g, ' '));
      out[k] = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
    });
    return out;
  }

  function fill(meta) {
    var any = false;
    selects.forEach(function (sel) {
      var items = meta[sel.getAttribute('data-list')] || [];
      var opt = document.createElement('option');
      opt.value = '';
      opt.textContent = form.getAttribute('data-all');
      sel.appendChild(opt);
      items.forEach(function (it) {
        var o = document.createElement('option');
        o.value = it[0];
        o.textContent = it[1];
        sel.appendChild(o);
      });
      sel.parentNode.hidden = !items.length;
      any = any || items.length > 0;
    });
    form.querySelector('.search-filters').hidden = !any;
  }

  function render(q, results) {
    list.textContent = '';
    results.forEach(function (r) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + r.url;
      a.className = 'result-link';
      var t = document.createElement('span');
      t.className = 'result-title';
      t.textContent = r.title;
      a.appendChild(t);
      if (r.section) {
        var s = document.createElement('span');
        s.className = 'result-section';
        s.textContent = r.section;
        a.appendChild(s);
      }
      li.appendChild(a);
      var p = document.createElement('p');
      p.className = 'result-excerpt';
      p.innerHTML = r.excerpt; /* built from escaped text and <mark> only */
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function run() {
    var q = input.value.trim();
    var opts = { limit: 20 };
    selects.forEach(function (sel) { if (sel.value) opts[sel.name] = sel.value; });
    var my = ++seq;
    try {
      var url = window.location.pathname + (q ? '?q=' + encodeURIComponent(q) : '') +
        selects.filter(function (s) { return s.value; }).map(function (s) { return '&' + s.name + '=' + encodeURIComponent(s.value); }).join('');
      window.history.replaceState(null, '', url);
    } catch (e) { /* some file:// settings forbid it */ }
    if (!q) {
      list.textContent = '';
      status.textContent = '';
      return;
    }
    status.textContent = form.getAttribute('data-loading');
    window.shirube.search(q, opts).then(function (results) {
      if (my !== seq) return;
      render(q, results);
      var tpl = results.length ? form.getAttribute('data-results') : form.getAttribute('data-none');
      status.textContent = tpl.replace('{q}', q).replace('{n}', results.length) +
        (results.length && results[0].partial ? ' ' + form.getAttribute('data-partial') : '');
    }).catch(function (e) {
      status.textContent = String(e && e.message || e);
    });
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  selects.forEach(function (sel) { sel.addEventListener('change', run); });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    run();
  });

  /* arrow keys: from the box into the results and between them */
  form.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && e.target === input) {
      var first = list.querySelector('a');
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var links = Array.prototype.slice.call(list.querySelectorAll('a.result-link'));
    var i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown' && i + 1 < links.length) links[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? links[i - 1] : input).focus();
  });

  var p = params();
  window.shirube.meta().then(function (m) {
    fill(m);
    selects.forEach(function (sel) { if (p[sel.name]) sel.value = p[sel.name]; });
    if (p.q) {
      input.value = p.q;
      run();
    }
  });
})();
