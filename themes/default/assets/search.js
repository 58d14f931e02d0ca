/* search.js: Japanese full-text search over the index that shirube writes
 * to search/ (see generator/index.h). Classic script, ES2017, no fetch, no
 * modules, no WebAssembly: index files are loaded with <script> tags, so
 * it works from file:// and under any sub-path.
 *
 * API: shirube.search(query, {limit, guideline, topic, persona}) returns a
 * Promise of [{url, title, section, excerpt, score}] with urls relative to
 * the site root and excerpt as escaped HTML with <mark> around matches
 * (excerpts: false leaves them empty; stale: a function, and when it says
 * true the search stops and resolves to null; early: resolve once the
 * first result's text is in, the rest as the array's rest, a Promise).
 * shirube.preload(text) loads the files a query being typed is about to
 * need; shirube.files(query) lists its first round of index files.
 * The tokenizer must match generator/search.c (tests/search/tokenize.json). */
(function (root, factory) {
  'use strict';
  var api = factory(root);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else {
    root.shirube = root.shirube || {};
    for (var k in api) root.shirube[k] = api[k];
  }
})(typeof window !== 'undefined' ? window : this, function (root) {
  'use strict';

  /* ---- tokenizer ---------------------------------------------------------- */

  var WORD = /[\p{L}\p{M}\p{N}]/u;
  var MAX_WORD = 32;

  function isCjk(c) {
    return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3041 && c <= 0x3096) ||
      (c >= 0x309D && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x30FC && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
      (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
  }

  /* NFKC + case folding, as utf8proc does it */
  function normalize(s) {
    return s.normalize('NFKC').toLowerCase().replace(/ß|ẞ/g, 'ss').replace(/ς/g, 'σ').normalize('NFKC');
  }

  /* The variant table (content/search-variants.yaml, written normalised
   * into meta.js as [[from, to], ...]): one regular expression of every
   * variant, longest first, so each position takes the longest one, left
   * to right, as generator/search.c does. */
  function variants(list) {
    if (!list || !list.length) return null;
    var to = {};
    var froms = list.map(function (e) { var f = normalize(e[0]); to[f] = normalize(e[1]); return f; })
      .sort(function (x, y) { return y.length - x.length; });
    var re = new RegExp(froms.map(function (f) { return f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }).join('|'), 'g');
    return function (s) { return s.replace(re, function (m) { return to[m]; }); };
  }
  var applyVariants = null;

  /* normalize() and then the variant table (vr: one made by variants(),
   * or the site's once meta.js is loaded) */
  function prepare(text, vr) {
    var s = normalize(text), f = vr === undefined ? applyVariants : vr;
    return f ? f(s) : s;
  }

  /* Tokens [{t, pos, cjk, run}] and runs [{text, cjk}] of a text. */
  function analyze(text, vr) {
    var cps = Array.from(prepare(text, vr));
    var tokens = [], runs = [], pos = 0, i = 0;
    while (i < cps.length) {
      var c = cps[i].codePointAt(0);
      if (isCjk(c)) {
        var j = i;
        while (j < cps.length && isCjk(cps[j].codePointAt(0))) j++;
        var run = runs.length;
        if (j - i === 1) tokens.push({ t: cps[i], pos: pos++, cjk: true, run: run });
        else for (var k = i; k + 1 < j; k++) tokens.push({ t: cps[k] + cps[k + 1], pos: pos++, cjk: true, run: run });
        runs.push({ text: cps.slice(i, j).join(''), cjk: true });
        i = j;
      } else if (WORD.test(cps[i])) {
        var e = i;
        while (e < cps.length && !isCjk(cps[e].codePointAt(0)) && WORD.test(cps[e])) e++;
        var w = cps.slice(i, Math.min(e, i + MAX_WORD)).join('');
        tokens.push({ t: w, pos: pos++, cjk: false, run: runs.length });
        runs.push({ text: w, cjk: false });
        i = e;
      } else i++;
    }
    return { tokens: tokens, runs: runs };
  }

  /* tokens [[t, pos]] of text, with the variant table list ([[from, to]]) */
  function tokenize(text, list) {
    return analyze(text, variants(list)).tokens.map(function (t) { return [t.t, t.pos]; });
  }

  /* ---- index loading --------------------------------------------------------- */

  var base = null; /* URL of the site root */
  var meta = null, metaWait = null;
  var shards = {}, shardWait = {}, chunks = {}, chunkWait = {};
  var bytesLoaded = 0;

  function siteRoot() {
    if (base) return base;
    var s = root.document && (root.document.currentScript ||
      root.document.querySelector('script[src$="assets/search.js"]'));
    base = s ? s.src.replace(/assets\/search\.js(\?.*)?$/, '') : './';
    return base;
  }
  if (root.document) siteRoot();

  var onLoaded = null; /* warm(): told of every index file loaded */
  function loadScript(rel) {
    if (onLoaded) onLoaded(rel);
    return new Promise(function (resolve, reject) {
      var el = root.document.createElement('script');
      el.src = siteRoot() + rel;
      el.async = true;
      el.onload = function () { el.remove(); resolve(); };
      el.onerror = function () { el.remove(); reject(new Error('cannot load ' + rel)); };
      root.document.head.appendChild(el);
    });
  }

  function waiter(table, key, rel) {
    /* a file that failed is tried again next time */
    if (!table[key]) table[key] = loadScript(rel).catch(function (e) { delete table[key]; throw e; });
    return table[key];
  }

  root.shirube_m = function (m) { meta = m; m.hv = new Set(m.hv || []); applyVariants = variants(m.vr); };
  root.shirube_t = function (n, terms) { shards[n] = terms; };
  root.shirube_d = function (n, docs) { chunks[n] = docs; };

  function loadMeta() {
    /* the search page loads meta.js with its own scripts */
    if (!metaWait && meta) metaWait = Promise.resolve(meta);
    if (!metaWait) metaWait = loadScript('search/meta.js').then(function () { return meta; });
    return metaWait;
  }

  function fnv1a(str) {
    var bytes = new TextEncoder().encode(str), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h >>> 0;
  }

  /* shard of a term: a hash of its first character if Han/kana (first
   * character of 3+ UTF-8 bytes), else of its first two, one more when
   * that key is heavy (meta.hv); a name "^NAME" goes with NAME's first
   * term (index.c shard_of). So the shard of a bigram or a word is known
   * before its last character is typed. */
  function wide(ch) { return ch.codePointAt(0) >= 0x800; }
  function shardKey(term, heavy) {
    var cps = Array.from(term);
    if (cps[0] === '^' && cps.length > 1) cps.shift();
    var n = wide(cps[0]) ? 1 : 2, key = cps.slice(0, n).join('');
    if (heavy && (heavy.has ? heavy.has(key) : heavy.indexOf(key) >= 0)) key = cps.slice(0, n + 1).join('');
    return key;
  }
  function shardOf(term, k, heavy) {
    return fnv1a(shardKey(term, heavy)) % k;
  }

  function loadShard(n) {
    return waiter(shardWait, n, 'search/t/' + n + '.js').then(function () { return shards[n]; });
  }
  function loadChunk(n) {
    return waiter(chunkWait, n, 'search/d/' + n + '.js').then(function () { return chunks[n]; });
  }

  /* ---- ranking ------------------------------------------------------------------ */

  /* A posting list as index.c writes it: a string of base64url varints
   * (5 bits a character, the 6th saying more follow): df, then per
   * document delta, weight, c (positions*2, +1 if later ones were dropped)
   * and the position deltas. unpack() turns it into the array the ranking
   * walks, [df, delta, w, count, pos...], where a count < 0 means -count-1
   * positions and more that were dropped. */
  var V64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', DEC = new Int8Array(128);
  for (var v64 = 0; v64 < 64; v64++) DEC[V64.charCodeAt(v64)] = v64;
  function unpack(s) {
    /* every varint first, in one tight loop, then the counts */
    var len = s.length, out = new Int32Array(len), k = 0, v = 0, shift = 0;
    for (var j = 0; j < len; j++) {
      var c = DEC[s.charCodeAt(j)];
      v |= (c & 31) << shift; /* numbers stay below 2^30 */
      if (c & 32) shift += 5;
      else { out[k++] = v; v = 0; shift = 0; }
    }
    for (var i = 1; i + 2 < k; i += 3 + (out[i + 2] < 0 ? -out[i + 2] - 1 : out[i + 2])) {
      var n = out[i + 2] >> 1;
      out[i + 2] = out[i + 2] & 1 ? -n - 1 : n;
    }
    return out.subarray(0, k);
  }

  /* Decodes a posting list into {doc: {w, pos, trunc}}. */
  function decode(arr) {
    var out = new Map(), doc = 0, i = 1;
    while (i < arr.length) {
      doc += arr[i];
      var w = arr[i + 1], n = arr[i + 2], trunc = n < 0;
      if (trunc) n = -n - 1;
      var pos = [], p = 0;
      for (var k = 0; k < n; k++) { p += arr[i + 3 + k]; pos.push(p); }
      out.set(doc, { w: w, pos: pos, trunc: trunc });
      i += 3 + n;
    }
    return out;
  }

  /* The list of key in table, unpacked once; a number means a long list
   * in a file of its own ("bN", listed in meta.b), which only exact
   * matches use. */
  function listIn(table, key) {
    var v = table && table[key];
    if (typeof v === 'string') v = table[key] = unpack(v);
    return v && typeof v === 'object' ? v : null;
  }
  function postings(qt, key) {
    return listIn(shards[key === qt.t && qt.big ? qt.big : qt.shard], key);
  }

  function idf(df, n) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  function filterIndex(list, id) {
    if (!id) return -1;
    for (var i = 0; i < list.length; i++) if (list[i][0] === id) return i;
    return -2; /* unknown: matches nothing */
  }

  /* The query's tokens that are looked up: every word, and of each Han/kana
   * run a set of its bigrams that covers every character (so the phrase is
   * still checked, at their offsets): about half of them, which halves the
   * files a long Japanese query loads; the index keeps every bigram. Among
   * such sets it takes the cheapest, a bigram with a long list (big, from
   * meta.b: a file of its own, frequent, no positions) costing double, so
   * the rarer bigrams that tell documents apart are kept. */
  function plan(a, big) {
    var out = [], byRun = {};
    a.tokens.forEach(function (tk) { (byRun[tk.run] = byRun[tk.run] || []).push(tk); });
    Object.keys(byRun).forEach(function (r) {
      var toks = byRun[r];
      if (!toks[0].cjk) return wordTerms(toks[0], out);
      segments(toks).forEach(function (seg, si) {
        var run = r + '.' + si, n = seg.length;
        /* a long katakana run may have one typo (fuzzy) */
        var fuzzy = KATA.test(seg.map(function (tk) { return tk.t; }).join('')) && n >= 4;
        if (n === 1) return out.push({ t: seg[0].t, cjk: true, run: run, off: 0 });
        /* best[i]: cheapest cover of characters 0..i+1 that uses bigram i;
         * the bigram before it is i-1 or i-2 (fewer bigrams on a tie) */
        var best = [], from = [];
        for (var i = 0; i < n; i++) {
          var c = big && big[seg[i].t] !== undefined ? 2 : 1;
          if (i === 0) { best[i] = c; from[i] = -1; continue; }
          var j = i >= 2 && best[i - 2] <= best[i - 1] ? i - 2 : i - 1;
          best[i] = c + best[j];
          from[i] = j;
        }
        var picked = [];
        for (var k = n - 1; k >= 0; k = from[k]) picked.unshift(k);
        picked.forEach(function (i) {
          out.push({ t: seg[i].t, cjk: true, run: run, off: seg[i].pos - seg[0].pos, fuzzy: fuzzy && picked.length >= 3 });
        });
      });
    });
    return out;
  }

  var KATA = /^[\u30a1-\u30fa\u30fc]+$/;
  var HIRA = /^[\u3041-\u3096]$/;
  var PARTICLE = /^[がをにはのでとへもやか]$/;

  /* A word where ASCII letters meet digits ("iso27001") is looked up as
   * its parts, which the index has for both spellings; the whole word
   * only adds to the score (bonus). */
  function wordTerms(tk, out) {
    var parts = /^[a-z0-9]+$/.test(tk.t) ? tk.t.match(/[a-z]+|[0-9]+/g) : null;
    if (!parts || parts.length < 2) return out.push({ t: tk.t, cjk: false, run: tk.run, off: 0 });
    parts.forEach(function (p) { out.push({ t: p, cjk: false, run: tk.run, off: 0 }); });
    out.push({ t: tk.t, cjk: false, run: tk.run, off: 0, bonus: true });
  }

  /* The content parts of a Han/kana run's bigrams: in a run that mixes
   * hiragana with kanji or katakana and reads as a question or a sentence
   * (eight characters or more, with three or more bigrams of two hiragana
   * or of a word and a particle after it), the bigrams of two hiragana, of a particle or a longer
   * stretch of hiragana before a kanji or katakana, and of a kanji or
   * katakana before a particle are dropped, so 「社員が情報を持ち出すのを防ぐには」 looks up 社員, 情報,
   * 持ち出す, 防ぐ; each remaining stretch is a phrase of its own. A run of
   * hiragana only (a reading) or one whose bigrams would all go keeps
   * them all. */
  function segments(toks) {
    var chars = Array.from(toks[0].t);
    toks.forEach(function (tk) { chars.push(Array.from(tk.t)[1]); });
    chars = chars.filter(function (c) { return c !== undefined; });
    var hira = chars.filter(function (c) { return HIRA.test(c); }).length;
    if (!hira || hira === chars.length || toks.length < 2) return [toks];
    var segs = [], cur = [], kind = toks.map(function (tk, i) {
      var c = Array.from(tk.t), h0 = HIRA.test(c[0]), h1 = HIRA.test(c[1]);
      /* hiragana before a word: a particle, or the end of a longer
       * stretch of hiragana (not okurigana, as in 持ち出す) */
      var before = i > 0 && HIRA.test(Array.from(toks[i - 1].t)[0]);
      return h0 && h1 ? 2 : !h0 && h1 && PARTICLE.test(c[1]) ? 2 : h0 && !h1 && (PARTICLE.test(c[0]) || before) ? 1 : 0;
    });
    /* a question or a sentence: eight characters or more, three or more
     * of them function-word bigrams (「何から始める」 stays a phrase) */
    if (toks.length < 7 || kind.filter(function (k) { return k === 2; }).length < 3) return [toks];
    toks.forEach(function (tk, i) {
      if (kind[i]) { if (cur.length) segs.push(cur); cur = []; } else cur.push(tk);
    });
    if (cur.length) segs.push(cur);
    return segs.length ? segs : [toks];
  }

  /* What a query looks up (m: meta): the analysed query, its plan
   * (grams), its terms, its name ("^...") and the files of its one round
   * (need: shard numbers and long lists "bN"). */
  function lookups(m, query) {
    var a = analyze(query);
    var terms = [];
    var seen = {};
    var grams = plan(a, m.b);
    grams.forEach(function (tk) {
      if (seen[tk.t]) return;
      seen[tk.t] = true;
      var prefix = !tk.cjk && Array.from(tk.t).length >= 3;
      var big = m.b && m.b[tk.t] !== undefined ? 'b' + m.b[tk.t] : null;
      terms.push({ t: tk.t, cjk: tk.cjk, prefix: prefix && !tk.bonus, shard: shardOf(tk.t, m.k, m.hv), big: big, bonus: tk.bonus, fuzzy: tk.fuzzy });
    });
    /* "^name": the whole query as a page, section or synonym name; it
     * sits in the shard of the query's first term */
    var name = '^' + Array.from(prepare(query)).filter(function (ch) {
      return isCjk(ch.codePointAt(0)) || WORD.test(ch);
    }).join('');
    var nameShard = shardOf(name, m.k, m.hv);
    /* one round of files: the shards (a term with a long list needs its
     * shard only for prefixes) and the long lists */
    var need = {};
    need[nameShard] = true;
    terms.forEach(function (t) {
      if (!t.big || t.prefix) need[t.shard] = true;
      if (t.big) need[t.big] = true;
    });
    return { a: a, grams: grams, terms: terms, name: name, nameShard: nameShard, need: need };
  }

  function search(query, opts) {
    opts = opts || {};
    var limit = opts.limit || 10;
    query = String(query || '');
    if (!analyze(query).tokens.length) return Promise.resolve(empty());
    return loadMeta().then(function (m) {
      var q = lookups(m, query), a = q.a;
      if (!a.tokens.length) return empty();
      return Promise.all(Object.keys(q.need).map(function (n) { return loadShard(n); })).then(function () {
        if (opts.stale && opts.stale()) return null;
        var named = new Set();
        var arr = listIn(shards[q.nameShard], q.name);
        if (arr) decode(arr).forEach(function (p, doc) { named.add(doc); });
        /* excerpts also mark the query's own spelling of a variant */
        a.marks = a.runs.concat(analyze(query, null).runs);
        return rank(m, a, q.grams, q.terms, opts, limit, named);
      });
    });
  }

  /* Loads, without waiting for them, the files that text (a query being
   * typed) needs and those that its next character may need: the shard of
   * every Han/kana character, which holds the bigrams it begins unless its
   * key is heavy (index.c shard_of), so whatever the reader types next,
   * the query's shards are loaded when the last character arrives. A
   * variant that the text may be the start of (取組 of 取組み → 取り組み)
   * brings the characters of its replacement. */
  function preload(text) {
    text = String(text || '');
    if (!analyze(text).tokens.length) return;
    loadMeta().then(function (m) {
      var need = {};
      var add = function (t, vr) {
        var q = lookups(m, t);
        for (var n in q.need) need[n] = true;
        Array.from(prepare(t, vr)).forEach(function (ch) {
          if (isCjk(ch.codePointAt(0)) && !m.hv.has(ch)) need[shardOf(ch, m.k, m.hv)] = true;
        });
      };
      add(text);
      var plain = normalize(text);
      (m.vr || []).forEach(function (e) {
        var from = normalize(e[0]);
        for (var k = Math.min(from.length, plain.length); k > 0; k--)
          if (plain.slice(-k) === from.slice(0, k)) return add(e[1], null);
      });
      Object.keys(need).forEach(function (n) { loadShard(n).catch(function () {}); });
    }).catch(function () {});
  }

  /* Walks a posting list, keeping each document's best weight for this
   * query term in best[] (documents first seen go to touched). */
  function scoreList(arr, wIdf, best, touched) {
    var doc = 0, i = 1;
    while (i < arr.length) {
      doc += arr[i];
      var s = wIdf * arr[i + 1] / 100, n = arr[i + 2];
      if (best[doc] === 0) touched.push(doc);
      if (s > best[doc]) best[doc] = s;
      i += 3 + (n < 0 ? -n - 1 : n);
    }
  }

  /* Positions of one exact term for the documents in want (a Map from
   * document to {term: {list, trunc}}). */
  function positionsFor(arr, want, key) {
    var doc = 0, i = 1;
    while (i < arr.length) {
      doc += arr[i];
      var n = arr[i + 2], trunc = n < 0;
      if (trunc) n = -n - 1;
      var pos = want.get(doc);
      if (pos) {
        var list = [], p = 0;
        for (var k = 0; k < n; k++) { p += arr[i + 3 + k]; list.push(p); }
        pos[key] = { list: list, trunc: trunc };
      }
      i += 3 + n;
    }
  }

  /* Each document's page, as the number of its page's first document
   * (meta.pg: varints of the distance back to it), decoded once. */
  var pageOfDoc = null;
  function pages(m) {
    if (!pageOfDoc) {
      var s = m.pg || '', v = 0, shift = 0, i = 0;
      pageOfDoc = new Int32Array(m.n);
      for (var j = 0; j < m.n; j++) pageOfDoc[j] = j;
      for (var k = 0; k < s.length && i < m.n; k++) {
        var c = DEC[s.charCodeAt(k)];
        v |= (c & 31) << shift;
        if (c & 32) shift += 5;
        else { pageOfDoc[i] = i - v; i++; v = 0; shift = 0; }
      }
    }
    return pageOfDoc;
  }
  var hubs = null, HUB = 1.5, HUB_CHUNKS = 3;

  /* Scores every term's list into per-document sums: score, matched
   * (required terms found), fz (terms of a fuzzy run found); the
   * documents seen are returned. */
  function gather(m, terms, st) {
    var best = new Float64Array(m.n), cands = [], touched = [];
    terms.forEach(function (qt) {
      var table = shards[qt.shard] || {};
      touched.length = 0;
      var keys = qt.prefix ? Object.keys(table) : (qt.big || table[qt.t] !== undefined ? [qt.t] : []);
      keys.forEach(function (it) {
        var exact = it === qt.t;
        if (!exact && it.lastIndexOf(qt.t, 0) !== 0) return;
        var arr = postings(qt, it); /* long lists only for exact matches */
        if (!arr) return;
        scoreList(arr, idf(arr[0], m.n) * (exact ? 1 : 0.7), best, touched);
      });
      for (var k = 0; k < touched.length; k++) {
        var doc = touched[k];
        st.score[doc] += best[doc];
        best[doc] = 0;
        if (qt.bonus) continue; /* adds to the score, never required */
        st.matched[doc]++;
        if (qt.fuzzy) st.fz[doc]++;
        if (!st.seen[doc]) { st.seen[doc] = 1; cands.push(doc); }
      }
    });
    return cands;
  }

  function passes(m, doc, fl, pg, opts) {
    if (opts.within !== undefined && pg[doc] !== opts.within) return false;
    if (!fl.on) return true;
    var f = m.f[doc];
    if (!f) return false;
    if (fl.g !== -1 && f[0] !== fl.g) return false;
    if (fl.t !== -1 && !(f[1] && f[1].indexOf(fl.t) >= 0)) return false;
    if (fl.p !== -1 && !(f[2] && f[2].indexOf(fl.p) >= 0)) return false;
    return true;
  }

  function rank(m, a, grams, terms, opts, limit, named) {
    var st = { score: new Float64Array(m.n), matched: new Uint8Array(m.n), fz: new Uint8Array(m.n), seen: new Uint8Array(m.n) };
    var cands = gather(m, terms, st), pg = pages(m);
    if (!hubs) { hubs = new Uint8Array(m.n); (m.h || []).forEach(function (d) { hubs[d] = 1; }); }
    var req = terms.filter(function (t) { return !t.bonus; });
    var n = req.length, nfz = req.filter(function (t) { return t.fuzzy; }).length;
    /* a document that misses one bigram of a long katakana run (a typo)
     * counts as matching every term, below the exact ones */
    var typo = function (doc) { return nfz >= 3 && st.matched[doc] === n - 1 && st.fz[doc] === nfz - 1; };
    var fl = { g: filterIndex(m.g, opts.guideline), t: filterIndex(m.t, opts.topic), p: filterIndex(m.p, opts.persona) };
    fl.on = fl.g !== -1 || fl.t !== -1 || fl.p !== -1;
    var keep = [], full = 0, half = 0;
    cands.forEach(function (doc) {
      if (!passes(m, doc, fl, pg, opts)) return;
      if (typo(doc)) st.matched[doc] = n, st.fz[doc] = 255;
      keep.push(doc);
      if (st.matched[doc] === n) full++;
      if (st.matched[doc] * 2 >= n) half++;
    });
    var partial = !full && keep.length > 0;
    /* documents with every term first; when they are fewer than the limit,
     * the ones matching the most terms follow (only those with at least
     * half of them, so a single common bigram brings in nothing) */
    if (half) keep = keep.filter(function (doc) { return st.matched[doc] * 2 >= n; });
    /* positions only for the documents that have every term */
    var want = new Map();
    keep.forEach(function (doc) { if (st.matched[doc] === n) want.set(doc, {}); });
    if (want.size && grams.some(function (t) { return t.cjk; })) {
      terms.forEach(function (qt) {
        if (!qt.cjk) return;
        var arr = postings(qt, qt.t);
        if (arr) positionsFor(arr, want, qt.t);
      });
    }
    var byRun = {};
    grams.forEach(function (t) { if (t.cjk) (byRun[t.run] = byRun[t.run] || []).push(t); });
    /* the best documents, kept in order (no object for the others): more
     * than the limit, as sections past three of one page are folded */
    var room = opts.within !== undefined ? limit : limit * 3 + 20, top = [];
    keep.forEach(function (doc) {
      var mt = st.matched[doc], nm = named.has(doc) ? 1 : 0, sc = st.score[doc];
      var ph = mt === n ? phrases(byRun, want.get(doc)) : 0; /* positions are only known then */
      /* hub pages (topics, guideline overviews) weigh half as much again */
      var ex = st.fz[doc] === 255 ? 0 : 1;
      if (hubs[doc]) sc *= HUB;
      var i = top.length;
      while (i > 0) {
        var t = top[i - 1];
        var better = mt !== t.matched ? mt > t.matched : nm !== t.named ? nm > t.named :
          ph !== t.phrases ? ph > t.phrases : ex !== t.exact ? ex > t.exact :
          sc !== t.score ? sc > t.score : doc < t.doc;
        if (!better) break;
        i--;
      }
      if (i >= room) return;
      top.splice(i, 0, { doc: doc, matched: mt, named: nm, phrases: ph, exact: ex, score: sc });
      if (top.length > room) top.pop();
    });
    top = fold(top, keep, pg, limit, opts.within !== undefined);
    if (opts.stale && opts.stale()) return null;
    return results(m, a, top, keep.length, partial, n, opts.excerpts !== false, opts.early);
  }

  /* At most three sections of one page in the list; the page's other
   * matches are counted on its last one shown (others). */
  function fold(top, keep, pg, limit, within) {
    if (within) return top.slice(0, limit);
    var count = new Map(), shown = new Map(), out = [];
    keep.forEach(function (doc) { count.set(pg[doc], (count.get(pg[doc]) || 0) + 1); });
    for (var i = 0; i < top.length && out.length < limit; i++) {
      var p = pg[top[i].doc], k = shown.get(p) || 0;
      if (k >= 3) continue;
      shown.set(p, k + 1);
      top[i].page = p;
      out.push(top[i]);
    }
    var last = new Map();
    out.forEach(function (d) { last.set(d.page, d); });
    last.forEach(function (d, p) { d.others = count.get(p) - shown.get(p); });
    return out;
  }

  function empty() {
    var r = [];
    r.total = 0;
    return r;
  }

  /* The result objects of top (their chunks loaded); the array's total is
   * the number of matching documents. Chunks are asked for in the order
   * of the results, the first result's first. early: resolve as soon as
   * the first result's chunk is in, with the results up to the first one
   * whose chunk is not, and the whole list as the array's rest (a
   * Promise), unless it is complete. */
  function results(m, a, top, total, partial, n, excerpts, early) {
    var order = [], seen = {};
    top.forEach(function (d) {
      var c = Math.floor(d.doc / m.per);
      if (!seen[c]) { seen[c] = true; order.push(c); }
    });
    var made = new Map(); /* text -> its excerpt: copies share one */
    var build = function () {
      var out = [];
      for (var i = 0; i < top.length; i++) {
        var d = top[i], chunk = chunks[Math.floor(d.doc / m.per)];
        if (!chunk) break;
        var rec = chunk[d.doc % m.per];
        /* a number: the same text as that record of the chunk */
        var text = typeof rec[3] === 'number' ? chunk[rec[3]][3] : rec[3];
        if (!made.has(text)) made.set(text, excerpts ? excerpt(text, a.marks || a.runs) : '');
        out.push({
          url: rec[0], title: rec[1], section: rec[2],
          excerpt: made.get(text),
          score: Math.round((d.score + d.phrases * 10 + d.named * 100) * 1000) / 1000,
          partial: partial || d.matched < n,
          page: pg0(d), others: d.others || 0,
        });
      }
      out.total = total;
      return out;
    };
    var loads = order.map(function (c) { return loadChunk(c); });
    var all = Promise.all(loads).then(build);
    if (!early || !loads.length) return all;
    return loads[0].then(function () {
      var out = build();
      if (out.length < top.length) out.rest = all;
      return out;
    });
  }
  function pg0(d) { return d.page !== undefined ? d.page : pageOfDoc ? pageOfDoc[d.doc] : d.doc; }

  /* How many multi-bigram Han/kana runs of the query (byRun: run -> its
   * looked-up bigrams) appear as exact phrases (those bigrams at their
   * offsets) in a document (pos: its positions of each term). */
  function phrases(byRun, pos) {
    var n = 0;
    Object.keys(byRun).forEach(function (r) {
      var gs = byRun[r];
      if (gs.length < 2) return;
      var first = pos[gs[0].t];
      if (!first) return;
      /* positions past the last one kept are unknown: assume they fit */
      var has = function (ps, at) {
        return ps.list.indexOf(at) >= 0 || (ps.trunc && (!ps.list.length || at > ps.list[ps.list.length - 1]));
      };
      var ok = first.list.some(function (p) {
        for (var i = 1; i < gs.length; i++) {
          var ps = pos[gs[i].t];
          if (!ps || !has(ps, p + gs[i].off)) return false;
        }
        return true;
      });
      if (ok) n++;
    });
    return n;
  }

  /* ---- excerpts ------------------------------------------------------------------ */

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /* An escaped excerpt of text around the first match, with <mark>. */
  /* normalize() of one character, remembered (excerpts call it for every
   * character of up to ten texts) */
  var charNorm = new Map();
  function normChar(ch) {
    var c = ch.charCodeAt(0);
    if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
    /* kana and unified ideographs: NFKC leaves them alone, no case */
    if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c === 0x30FC || (c >= 0x4E00 && c <= 0x9FFF)) return ch;
    var n = charNorm.get(ch);
    if (n === undefined) {
      n = normalize(ch);
      if (charNorm.size < 65536) charNorm.set(ch, n);
    }
    return n;
  }

  function excerpt(text, runs) {
    var cps = Array.from(text), norm = '', map = [], done = 0;
    var needles = runs.map(function (r) { return r.text; }).filter(function (s) { return s.length; })
      .sort(function (x, y) { return y.length - x.length; });
    var longest = needles.length ? needles[0].length : 0;
    /* normalises characters [done, upto) onto norm; map: norm's units to
     * characters */
    function extend(upto) {
      upto = Math.min(upto, cps.length);
      for (; done < upto; done++) {
        var n = normChar(cps[done]);
        for (var k = 0; k < n.length; k++) map.push(done);
        norm += n;
      }
    }
    /* only as far as the excerpt needs: to the first match (in growing
     * blocks), then to the end of the window around it */
    var first = -1;
    for (var step = 256; first < 0 && done < cps.length; step *= 2) {
      extend(done + step);
      needles.forEach(function (nd) {
        var at = norm.indexOf(nd);
        if (at >= 0 && (first < 0 || at < first)) first = at;
      });
    }
    if (first >= 0) extend(Math.max(0, map[first] - 30) + 120 + longest);
    var hits = [];
    needles.forEach(function (nd) {
      var from = 0, at;
      while ((at = norm.indexOf(nd, from)) >= 0 && hits.length < 50) {
        hits.push([map[at], map[at + nd.length - 1] + 1]);
        from = at + nd.length;
      }
    });
    hits.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var start = hits.length ? Math.max(0, hits[0][0] - 30) : 0;
    var end = Math.min(cps.length, start + 120);
    var out = start > 0 ? '…' : '', p = start;
    hits.forEach(function (h) {
      if (h[0] < p || h[0] >= end) return;
      out += escapeHtml(cps.slice(p, h[0]).join('')) + '<mark>' + escapeHtml(cps.slice(h[0], Math.min(h[1], end)).join('')) + '</mark>';
      p = Math.min(h[1], end);
    });
    out += escapeHtml(cps.slice(p, end).join('')) + (end < cps.length ? '…' : '');
    return out;
  }

  /* The index files of a query's first round (its shards and long
   * lists), as paths from the site root: for tests and tools. */
  function files(query) {
    return loadMeta().then(function (m) {
      return Object.keys(lookups(m, String(query || '')).need).map(function (n) { return 'search/t/' + n + '.js'; });
    });
  }

  function stats() {
    return { shards: Object.keys(shards).length, chunks: Object.keys(chunks).length };
  }

  /* Loaded from the header's search box (its first focus), on any page
   * but the search page: results show under the box as the reader types
   * (the first five, and a link to all of them on the search page), and
   * the browser is asked to prefetch the search page, its script and the
   * index files each query loaded, so Enter reaches a search page that
   * finds them all in the cache. */
  function warm() {
    var doc = root.document, form = doc && doc.querySelector('form.site-search');
    if (!form || doc.getElementById('search-form')) return;
    /* the prefetches wait until results are on screen (flush), so they
     * do not compete with the files the box is waiting for */
    var done = {}, queue = [];
    var prefetch = function (href) {
      if (done[href]) return;
      done[href] = true;
      queue.push(href);
    };
    var flush = function () {
      queue.splice(0).forEach(function (href) {
        var l = doc.createElement('link');
        l.rel = 'prefetch';
        l.href = href;
        doc.head.appendChild(l);
      });
    };
    onLoaded = function (rel) { prefetch(siteRoot() + rel); };
    prefetch(form.action);
    prefetch(siteRoot() + 'assets/search-page.js');
    /* the hub documents (topics, guideline overviews) come first in the
     * index (index.c group_copies) and are often the first result: their
     * chunks now, when they are few */
    loadMeta().then(function (m) {
      var hc = {};
      (m.h || []).forEach(function (d) { hc[Math.floor(d / m.per)] = true; });
      var list = Object.keys(hc);
      if (list.length <= HUB_CHUNKS) list.forEach(function (c) { loadChunk(c).catch(function () {}); });
    }).catch(function () {});
    var box = form.querySelector('input'), hits = hitsPanel(doc, form), seq = 0;
    var show = function () {
      var q = box.value.trim(), my = ++seq;
      if (!q) { hits.hidden = true; return; }
      var stale = function () { return my !== seq; };
      /* the first result as soon as its text is in, then the others */
      var fill = function (r) {
        if (!r || stale()) return;
        fillHits(doc, form, hits, q, r);
        if (r.rest) r.rest.then(fill);
        else flush();
      };
      search(q, { limit: 5, excerpts: false, stale: stale, early: true }).then(fill).catch(function () {});
    };
    box.setAttribute('aria-controls', hits.id);
    /* every keystroke: its shards at once, then the results (a later
     * query's results replace an earlier one's, which are dropped) */
    box.addEventListener('input', function () { preload(box.value); show(); });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') hits.hidden = true;
      var first = hits.querySelector('a');
      if (e.key === 'ArrowDown' && first && !hits.hidden) { e.preventDefault(); first.focus(); }
    });
    hits.addEventListener('keydown', function (e) {
      var links = Array.prototype.slice.call(hits.querySelectorAll('a')), i = links.indexOf(doc.activeElement);
      if (e.key === 'Escape') { hits.hidden = true; box.focus(); }
      if (i < 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      e.preventDefault();
      if (e.key === 'ArrowDown' && i + 1 < links.length) links[i + 1].focus();
      else if (e.key === 'ArrowUp') (i > 0 ? links[i - 1] : box).focus();
    });
    form.addEventListener('focusout', function () {
      setTimeout(function () { if (!form.contains(doc.activeElement)) hits.hidden = true; }, 150);
    });
    if (box.value.trim()) show();
  }

  /* The panel under the header box, styled in place (system colours, so
   * it follows the page's light or dark scheme). */
  function hitsPanel(doc, form) {
    form.style.position = 'relative';
    var hits = doc.createElement('div');
    hits.className = 'site-search-hits';
    hits.id = 'site-search-hits';
    hits.style.cssText = 'position:absolute;z-index:10;right:0;top:100%;width:min(28rem,90vw);background:Canvas;' +
      'color:CanvasText;border:1px solid GrayText;padding:.25rem .5rem;text-align:left';
    hits.hidden = true;
    form.appendChild(hits);
    return hits;
  }

  function fillHits(doc, form, hits, q, r) {
    hits.textContent = '';
    var ul = doc.createElement('ul');
    ul.style.cssText = 'list-style:none;margin:0;padding:0';
    r.forEach(function (x) {
      var li = doc.createElement('li'), a = doc.createElement('a');
      li.style.margin = '.25rem 0';
      a.href = siteRoot() + x.url;
      a.style.display = 'block';
      a.textContent = x.title;
      if (x.section) {
        var sm = doc.createElement('small');
        sm.style.cssText = 'display:block;color:GrayText';
        sm.textContent = x.section;
        a.appendChild(sm);
      }
      li.appendChild(a);
      ul.appendChild(li);
    });
    hits.appendChild(ul);
    var all = doc.createElement('a');
    all.href = form.action + '?q=' + encodeURIComponent(q);
    all.textContent = (form.getAttribute('data-results') || '{q}: {n}').replace('{q}', q).replace('{n}', r.total);
    hits.appendChild(all);
    hits.hidden = false;
  }
  if (root.document && root.document.currentScript) warm();

  return { search: search, preload: preload, files: files, meta: loadMeta, tokenize: tokenize, analyze: analyze, plan: plan, shardOf: shardOf, unpack: unpack, normalize: normalize, excerpt: excerpt, _stats: stats };
});
