/* SCS★3 準備チェックリスト: the ticks are kept in localStorage under
 * shirube:scs-checklist as {done: [ids]} (ids of boxes on the page only);
 * the summary counts them, each category shows its own count, and printing
 * shows the boxes as they are. Without JavaScript the boxes still tick but
 * are not kept. */
(function () {
  'use strict';
  var root = document.querySelector('.scs-progress');
  if (!root) return;
  var KEY = 'shirube:scs-checklist';
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.scs-box'));
  var known = {};
  boxes.forEach(function (b) { known[b.value] = true; });
  function store(v) { try { window.localStorage.setItem(KEY, v); } catch (e) { /* private mode */ } }
  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(KEY); } catch (e) { return []; }
    try {
      var p = JSON.parse(raw || '{}');
      return Array.isArray(p.done) ? p.done.filter(function (id) { return typeof id === 'string' && known[id]; }) : [];
    } catch (e) { return []; }
  }
  var summary = root.querySelector('.progress-summary');
  var template = root.getAttribute('data-summary') || '{done}/{total}';
  function update() {
    var done = boxes.filter(function (b) { return b.checked; });
    summary.textContent = template.replace('{total}', String(boxes.length)).replace('{done}', String(done.length));
    boxes.forEach(function (b) { b.parentNode.classList.toggle('is-done', b.checked); });
    Array.prototype.forEach.call(document.querySelectorAll('.scs-cat'), function (sec) {
      var bs = sec.querySelectorAll('input.scs-box'), n = 0;
      Array.prototype.forEach.call(bs, function (b) { if (b.checked) n++; });
      var c = sec.querySelector('.cat-count');
      c.textContent = n + ' / ' + bs.length;
      c.hidden = false;
      sec.classList.toggle('is-done', n === bs.length);
    });
  }
  function save() {
    store(JSON.stringify({ done: boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }) }));
  }
  var saved = {};
  load().forEach(function (id) { saved[id] = true; });
  boxes.forEach(function (b) {
    b.checked = !!saved[b.value];
    b.addEventListener('change', function () { save(); update(); });
  });
  root.querySelector('.progress-tools').hidden = false;
  root.querySelector('.progress-reset').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = false; });
    save();
    update();
  });
  root.querySelector('.progress-print').addEventListener('click', function () { window.print(); });
  update();
}());
