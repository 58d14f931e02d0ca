/* search-box.js: on every page with the header search box. Loads
 * search.js (same folder, same relative path) on the box's first focus,
 * and the index's meta.js alongside it (a preload, which search.js then
 * finds in the cache: one round trip instead of two); search.js then shows
 * results under the box as the reader types and prefetches what the
 * search page will need. */
(function () {
  'use strict';
  var me = document.currentScript, form = document.querySelector('form.site-search');
  if (!me || !form) return;
  form.querySelector('input').addEventListener('focus', function () {
    if (window.shirube && window.shirube.search) return;
    var src = me.getAttribute('src');
    var l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'script';
    l.href = src.replace(/assets\/search-box\.js$/, 'search/meta.js');
    document.head.appendChild(l);
    var s = document.createElement('script');
    s.src = src.replace(/search-box\.js$/, 'search.js');
    document.head.appendChild(s);
  }, { once: true });
})();
