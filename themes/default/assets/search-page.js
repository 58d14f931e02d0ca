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
  var more = document.getElementById('search-more');
  var seq = 0, limit = 10;

  /* decodeURIComponent that takes a bad % sequence (a truncated link)
   * literally instead of throwing */
  function decode(s) {
    s = s.replace(/\+/g, ' ');
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return s.replace(/(%[0-9a-fA-F]{2})+/g, function (m) {
        try { return decodeURIComponent(m); } catch (e2) { return m; }
      });
    }
  }

  function params() {
    var out = {};
    (window.location.search || '').replace(/^\?/, '').split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('=');
      var k = decode(i < 0 ? kv : kv.slice(0, i));
      out[k] = i < 0 ? '' : decode(kv.slice(i + 1));
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
      if (r.others) li.appendChild(othersButton(q, r));
      list.appendChild(li);
    });
  }

  /* 「この文書の他の N 件」: the page's folded sections, shown on request */
  function othersButton(q, r) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'result-others';
    b.textContent = form.getAttribute('data-others').replace('{n}', r.others);
    b.addEventListener('click', function () {
      var opts = filters();
      opts.within = r.page;
      opts.limit = 100;
      window.shirube.search(q, opts).then(function (all) {
        var shown = {};
        Array.prototype.forEach.call(list.querySelectorAll('a.result-link'), function (a) { shown[a.getAttribute('href')] = true; });
        var sub = document.createElement('ol');
        sub.className = 'result-others-list';
        all.forEach(function (x) {
          if (shown[root + x.url]) return;
          var li = document.createElement('li'), a = document.createElement('a');
          a.href = root + x.url;
          a.className = 'result-link';
          a.textContent = x.section || x.title;
          li.appendChild(a);
          sub.appendChild(li);
        });
        b.replaceWith(sub);
      });
    });
    return b;
  }

  function filters() {
    var opts = {};
    selects.forEach(function (sel) { if (sel.value) opts[sel.name] = sel.value; });
    return opts;
  }

  function run(keepLimit) {
    if (keepLimit !== true) limit = 10;
    var q = input.value.trim();
    var opts = filters();
    opts.limit = limit;
    var my = ++seq;
    try {
      var url = window.location.pathname + (q ? '?q=' + encodeURIComponent(q) : '') +
        selects.filter(function (s) { return s.value; }).map(function (s) { return '&' + s.name + '=' + encodeURIComponent(s.value); }).join('');
      window.history.replaceState(null, '', url);
    } catch (e) { /* some file:// settings forbid it */ }
    if (!q) {
      list.textContent = '';
      status.textContent = '';
      more.hidden = true;
      return;
    }
    status.textContent = form.getAttribute('data-loading');
    window.shirube.search(q, opts).then(function (results) {
      if (my !== seq) return;
      render(q, results);
      var tpl = results.length ? form.getAttribute('data-results') : form.getAttribute('data-none');
      /* the true total: every matching section, folded or not shown */
      var total = results.total !== undefined ? results.total : results.length;
      status.textContent = tpl.replace('{q}', q).replace('{n}', total) +
        (results.length && results[0].partial ? ' ' + form.getAttribute('data-partial') : '');
      var shown = results.reduce(function (n, r) { return n + 1 + (r.others || 0); }, 0);
      more.hidden = shown >= total || results.length < limit;
      more.textContent = form.getAttribute('data-more').replace('{n}', Math.max(0, total - shown));
    }).catch(function (e) {
      status.textContent = String(e && e.message || e);
    });
  }

  more.addEventListener('click', function () {
    limit += 10;
    run(true);
  });

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
