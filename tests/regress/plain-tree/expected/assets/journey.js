/* journey.js: step-by-step navigation. Progress is a set of step ids kept
 * in localStorage per journey; it can be handed over as a URL
 * (#done=a,b,c). Classic script, ES2017, works from file://. Without it the
 * page is a plain list with every step open. */
(function () {
  'use strict';
  var nav = document.querySelector('.stepnav');
  if (!nav) return;
  var journey = nav.getAttribute('data-journey');
  var key = 'shirube:progress:' + journey;
  var boxes = Array.prototype.slice.call(nav.querySelectorAll('input.step-done'));
  var steps = Array.prototype.slice.call(nav.querySelectorAll('li.step'));
  var summary = nav.querySelector('.progress-summary');
  var tools = nav.querySelector('.progress-tools');
  var share = nav.querySelector('.progress-share');
  var shareUrl = nav.querySelector('.share-url');
  var toggle = nav.querySelector('.toggle-all');
  var known = {};
  boxes.forEach(function (b) { known[b.value] = true; });

  function load() {
    try {
      var v = JSON.parse(window.localStorage.getItem(key) || '[]');
      return Array.isArray(v) ? v.filter(function (id) { return known[id]; }) : [];
    } catch (e) {
      return [];
    }
  }
  function save(ids) {
    try { window.localStorage.setItem(key, JSON.stringify(ids)); } catch (e) { /* private mode */ }
  }
  function done() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }
  function update() {
    var groups = {}, doneGroups = {};
    steps.forEach(function (li) {
      var g = li.getAttribute('data-group');
      groups[g] = true;
      var box = li.querySelector('input.step-done');
      li.classList.toggle('is-done', box.checked);
      if (box.checked) doneGroups[g] = true;
    });
    var total = Object.keys(groups).length, n = Object.keys(doneGroups).length;
    summary.textContent = nav.getAttribute('data-summary').replace('{total}', total).replace('{done}', n);
  }
  function apply(ids) {
    var set = {};
    ids.forEach(function (id) { set[id] = true; });
    boxes.forEach(function (b) { b.checked = !!set[b.value]; });
    update();
  }

  /* a progress URL: #done=id,id */
  var m = /^#done=([^&]*)$/.exec(window.location.hash);
  if (m) {
    var ids = decodeURIComponent(m[1]).split(',').filter(function (id) { return known[id]; });
    save(ids);
    if (window.history && window.history.replaceState)
      window.history.replaceState(null, '', window.location.href.split('#')[0]);
    var note = document.createElement('p');
    note.className = 'notice';
    note.setAttribute('role', 'status');
    note.textContent = nav.getAttribute('data-imported');
    nav.insertBefore(note, nav.firstChild.nextSibling);
  }
  apply(load());
  tools.hidden = false;

  boxes.forEach(function (b) {
    b.addEventListener('change', function () { save(done()); update(); });
  });
  nav.querySelector('.progress-reset').addEventListener('click', function () {
    save([]);
    apply([]);
    share.hidden = true;
  });
  nav.querySelector('.progress-export').addEventListener('click', function () {
    shareUrl.value = window.location.href.split('#')[0] + '#done=' + encodeURIComponent(done().join(','));
    share.hidden = false;
    shareUrl.focus();
    shareUrl.select();
  });
  nav.querySelector('.share-copy').addEventListener('click', function () {
    shareUrl.select();
    if (navigator.clipboard) navigator.clipboard.writeText(shareUrl.value).catch(function () {});
    else if (document.execCommand) document.execCommand('copy');
  });

  /* collapse all but the step in the URL; show all / hide all */
  var details = Array.prototype.slice.call(nav.querySelectorAll('li.step > details'));
  var target = window.location.hash.indexOf('#step-') === 0 ? window.location.hash.slice(1) : '';
  details.forEach(function (d) { d.open = d.parentNode.id === target; });
  function syncToggle() {
    var allOpen = details.every(function (d) { return d.open; });
    toggle.textContent = nav.getAttribute(allOpen ? 'data-hide-all' : 'data-show-all');
    toggle.setAttribute('aria-expanded', allOpen ? 'true' : 'false');
  }
  toggle.addEventListener('click', function () {
    var open = !details.every(function (d) { return d.open; });
    details.forEach(function (d) { d.open = open; });
    syncToggle();
  });
  details.forEach(function (d) { d.addEventListener('toggle', syncToggle); });
  window.addEventListener('hashchange', function () {
    var el = document.getElementById(window.location.hash.slice(1));
    if (el && el.tagName === 'LI') { el.querySelector('details').open = true; syncToggle(); }
  });
  syncToggle();
})();
