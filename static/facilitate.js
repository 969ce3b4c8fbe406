/* The facilitator's notes, kept when the connection drops.
 *
 * Without this script the note form posts as usual.  With it, each note is
 * first written to this device (localStorage) with its client id, then sent;
 * a note that cannot be sent stays queued and is sent again when the
 * connection returns.  The server keeps one note per client id, so a note
 * sent twice is stored once. */
(function () {
  'use strict';
  var form = document.getElementById('note-form');
  if (!form || !window.fetch || !window.localStorage) return;
  var list = document.getElementById('note-list');
  var status = document.getElementById('queue-status');
  var text = form.querySelector('textarea[name=text]');
  var key = 'cg-notes:' + form.getAttribute('action');
  var draftKey = key + ':draft';

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || '[]'); } catch (e) { return []; }
  }
  function save(q) { localStorage.setItem(key, JSON.stringify(q)); }
  function newId() {
    if (window.crypto && crypto.getRandomValues) {
      var b = new Uint8Array(12), s = 'c-';
      crypto.getRandomValues(b);
      for (var i = 0; i < b.length; i++) s += ('0' + b[i].toString(16)).slice(-2);
      return s;
    }
    return 'c-' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function show() {
    var n = load().length;
    status.hidden = n === 0;
    status.textContent = n === 0 ? '' : (document.documentElement.lang === 'es'
      ? n + ' nota(s) guardada(s) en este dispositivo, se enviarán al volver la conexión.'
      : n + ' note(s) kept on this device, to be sent when the connection returns.');
  }
  function item(note, pending) {
    var li = document.createElement('li');
    li.id = 'note-' + note.client_id;
    if (note.kind === 'quote') li.className = 'quote';
    var code = document.createElement('span');
    code.className = 'code';
    code.textContent = note.speaker || '–';
    li.appendChild(code);
    if (+note.question > 0) {
      var q = document.createElement('span');
      q.className = 'meta';
      q.textContent = ' Q' + note.question;
      li.appendChild(q);
    }
    li.appendChild(document.createTextNode(' ' + note.text));
    if (pending) {
      var m = document.createElement('span');
      m.className = 'meta pending';
      m.textContent = document.documentElement.lang === 'es' ? ' (por enviar)' : ' (waiting to send)';
      li.appendChild(m);
    }
    return li;
  }
  function place(note, pending) {
    var old = document.getElementById('note-' + note.client_id);
    var li = item(note, pending);
    var empty = list.querySelector('.empty');
    if (empty) empty.remove();
    if (old) old.replaceWith(li); else list.insertBefore(li, list.firstChild);
  }

  var sending = false;
  function flush() {
    if (sending) return;
    var q = load();
    if (!q.length) { show(); return; }
    sending = true;
    var note = q[0];
    var body = new URLSearchParams(note.fields);
    fetch(form.getAttribute('action'), {
      method: 'POST', credentials: 'same-origin', body: body,
      headers: { 'Accept': 'application/json' }
    }).then(function (res) {
      return res.json().then(function (j) { return { ok: res.ok, status: res.status, j: j }; },
                             function () { return { ok: false, status: res.status, j: null }; });
    }).then(function (r) {
      sending = false;
      if (r.ok && r.j) {
        save(load().filter(function (x) { return x.client_id !== note.client_id; }));
        place(r.j, false);
        flush();
      } else if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
        /* Refused: give the text back to the form with the reason. */
        save(load().filter(function (x) { return x.client_id !== note.client_id; }));
        var li = document.getElementById('note-' + note.client_id);
        if (li) li.remove();
        if (!text.value) text.value = note.text;
        status.hidden = false;
        status.textContent = r.j && r.j.error ? r.j.error.message : 'The note was not accepted.';
      } else {
        show();
      }
    }, function () { sending = false; show(); });
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var fields = {};
    new FormData(form).forEach(function (v, k) { fields[k] = v; });
    fields.taken_at = String(Math.floor(Date.now() / 1000));
    var note = { client_id: fields.client_id, speaker: fields.speaker, question: fields.question,
                 kind: fields.kind, text: fields.text, fields: fields };
    var q = load();
    q.push(note);
    save(q);
    place(note, true);
    form.querySelector('input[name=client_id]').value = newId();
    text.value = '';
    localStorage.removeItem(draftKey);
    text.focus();
    show();
    flush();
  });
  text.addEventListener('input', function () { localStorage.setItem(draftKey, text.value); });
  if (!text.value && localStorage.getItem(draftKey)) text.value = localStorage.getItem(draftKey);
  load().forEach(function (n) { place(n, true); });
  window.addEventListener('online', flush);
  setInterval(flush, 15000);
  show();
  flush();
})();
