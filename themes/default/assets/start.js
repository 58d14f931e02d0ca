/* start.js: the 「どこから始める？」 check on one screen. Without it every
 * question is listed and each answer is a plain link to the next question
 * or to a journey step. */
(function () {
  'use strict';
  var box = document.querySelector('.start-check');
  if (!box) return;
  var questions = Array.prototype.slice.call(box.querySelectorAll('.question'));
  if (!questions.length) return;
  var restart = document.createElement('button');
  restart.type = 'button';
  restart.className = 'start-restart';
  restart.textContent = box.getAttribute('data-restart');
  restart.hidden = true;
  box.appendChild(restart);
  function show(id) {
    questions.forEach(function (q) { q.hidden = q.getAttribute('data-question') !== id; });
    restart.hidden = id === questions[0].getAttribute('data-question');
  }
  box.classList.add('one-at-a-time');
  show(questions[0].getAttribute('data-question'));
  box.addEventListener('click', function (e) {
    var a = e.target.closest('a.answer');
    if (!a || !a.hasAttribute('data-next')) return;
    e.preventDefault();
    var next = a.getAttribute('data-next');
    show(next);
    var q = document.getElementById('q-' + next);
    var text = q && q.querySelector('.q-text');
    if (text) { text.setAttribute('tabindex', '-1'); text.focus(); }
  });
  restart.addEventListener('click', function () {
    show(questions[0].getAttribute('data-question'));
    questions[0].querySelector('a.answer').focus();
  });
})();
/* "continue where you left off": the journeys this browser has progress
 * for (journey.js keeps a summary of each), newest first, each linking to
 * its next step. Only journeys the home page itself links to are shown. */
(function () {
  'use strict';
  var box = document.querySelector('.continue');
  if (!box) return;
  var list = box.querySelector('.continue-list');
  var links = {};
  Array.prototype.forEach.call(document.querySelectorAll('#journeys a[href]'), function (a) {
    links[a.getAttribute('href')] = true;
  });
  var items = [];
  try {
    for (var i = 0; i < window.localStorage.length; i++) {
      var k = window.localStorage.key(i);
      if (k.indexOf('shirube:summary:') !== 0) continue;
      var s = JSON.parse(window.localStorage.getItem(k));
      if (s && typeof s.url === 'string' && links[s.url] && s.done > 0) items.push(s);
    }
  } catch (e) { return; }
  if (!items.length) return;
  items.sort(function (a, b) { return (b.time || 0) - (a.time || 0); });
  items.forEach(function (s) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    var step = typeof s.step === 'string' && /^[a-z0-9-]+$/.test(s.step) ? s.step : '';
    a.href = s.url + (step ? '#step-' + step : '');
    a.textContent = (step ? box.getAttribute('data-lead') : box.getAttribute('data-done'))
      .replace('{journey}', String(s.title)).replace('{total}', String(s.total))
      .replace('{done}', String(s.done)).replace('{next}', String(s.next || ''));
    li.appendChild(a);
    list.appendChild(li);
  });
  box.hidden = false;
})();
