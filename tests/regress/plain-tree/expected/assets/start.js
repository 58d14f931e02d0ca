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
