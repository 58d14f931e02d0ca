// The browser tokenizer (themes/default/assets/search.js) produces exactly
// the tokens of tests/search/tokenize.json, which the C tokenizer also
// passes (tests/unit/test_search.c).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const vectors = require('./tokenize.json');
const search = require(path.join(__dirname, '../../themes/default/assets/search.js'));

for (const v of vectors) {
  test(`tokenize ${JSON.stringify(v.input)}`, () => {
    assert.deepStrictEqual(search.tokenize(v.input, v.variants), v.tokens);
  });
}
