/**
 * The page's script: it draws what `GET /demo/api/state` says one person sees, and turns clicks and
 * submissions into the demo API's calls, in the shapes Slack sends (the server signs and delivers them).
 * Plain browser JavaScript, served as it is.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var as = params.get('as') || '';
  var nav = params.get('view') || 'channel';
  var openThread = params.get('thread') || '';
  var state = null;
  var shownModal = '';
  var errors = {};
  var busy = false;

  function $(sel) { return document.querySelector(sel); }
  function esc(t) { return String(t).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function toast(text) {
    var t = $('#toast'); t.textContent = text; t.style.display = 'block';
    clearTimeout(toast.timer); toast.timer = setTimeout(function () { t.style.display = 'none'; }, 4000);
  }
  function remember() {
    var q = new URLSearchParams();
    if (as) q.set('as', as);
    if (nav !== 'channel') q.set('view', nav);
    if (openThread) q.set('thread', openThread);
    history.replaceState(null, '', location.pathname + '?' + q.toString());
  }

  // The server's error codes, in words; its other errors are sentences already.
  var WORDS = {
    view_not_found: 'That window is no longer open: the app closed or replaced it.',
    message_not_found: 'That message is no longer there.',
    element_not_found: 'That button or menu is no longer on the message.',
    push_limit_reached: 'Slack stacks at most three windows.',
    no_submit_button: 'This window has nothing to submit.',
    no_text: 'Type a message or a /retro command first.',
    unknown_user: 'Pick a demo person first.',
    internal_error: 'Something went wrong in the demo; the server log says what.'
  };

  function api(path, body) {
    return fetch('/demo/api/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer && answer.ok === false && !answer.errors) toast(WORDS[answer.error] || answer.error || 'That did not work');
        return answer;
      }, function () { toast('The demo server did not answer'); return { ok: false }; })
      .then(function (answer) { return refresh().then(function () { return answer; }); });
  }

  function refresh() {
    return fetch('/demo/api/state?as=' + encodeURIComponent(as)).then(function (r) { return r.json(); }).then(function (s) {
      state = s;
      if (!as) { as = s.acting.id; remember(); }
      draw();
    }, function () {});
  }

  function zoneTime(iso, zone, withDay) {
    var o = { timeZone: zone, hour: 'numeric', minute: '2-digit' };
    if (withDay) { o.weekday = 'short'; o.month = 'short'; o.day = 'numeric'; }
    return new Intl.DateTimeFormat('en-US', o).format(new Date(iso));
  }
  function tsTime(ts) { return zoneTime(new Date(Number(ts) * 1000).toISOString(), state.acting.tz, true); }
  function initials(name) { return esc(String(name).split(/\s+/).map(function (w) { return w[0] || ''; }).join('').slice(0, 2).toUpperCase()); }

  function messageHtml(m, opts) {
    var bot = m.user && m.user.indexOf('UREARVIEW') === 0 || m.userName === 'Rearview';
    var files = (m.files || []).map(function (f) {
      var isImage = /\.(png|jpe?g)$/i.test(f.name);
      return isImage
        ? '<a href="' + esc(f.url) + '" target="_blank" data-file="' + esc(f.id) + '"><img src="' + esc(f.url) + '" alt="' + esc(f.name) + '"></a>'
        : '<a href="' + esc(f.url) + '" download data-file="' + esc(f.id) + '">📄 ' + esc(f.name) + '</a>';
    }).join('');
    var replies = opts.thread && m.replyCount ? '<button class="replies" data-open-thread="' + esc(m.ts) + '">' + m.replyCount + (m.replyCount === 1 ? ' reply' : ' replies') + '</button>' : '';
    return '<div class="msg' + (opts.ephemeral ? ' ephemeral' : '') + '"><div class="avatar' + (bot ? ' bot' : '') + '">' + initials(m.userName) + '</div>'
      + '<div class="msg-main"><div class="msg-head"><b>' + esc(m.userName) + '</b><small>' + esc(tsTime(m.ts)) + '</small>'
      + (opts.ephemeral ? ' <span class="only-you">Only visible to you</span>' : '') + '</div>'
      + m.html + (files ? '<div class="files">' + files + '</div>' : '') + replies + '</div></div>';
  }

  function listHtml(messages, ephemerals, thread) {
    var all = messages.map(function (m) { return { ts: m.ts, html: messageHtml(m, { thread: thread }) }; })
      .concat(ephemerals.map(function (e) { return { ts: e.ts, html: messageHtml(e, { ephemeral: true }) }; }));
    all.sort(function (a, b) { return Number(a.ts) - Number(b.ts); });
    return all.map(function (x) { return x.html; }).join('');
  }

  function keepScroll(el, html) {
    if (el.__html === html) return;
    var atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    var open = Array.prototype.map.call(el.querySelectorAll('details[open]'), function (d) { return d.closest('[data-ts]') && d.closest('[data-ts]').getAttribute('data-ts'); });
    el.innerHTML = html; el.__html = html;
    open.forEach(function (ts) { var d = el.querySelector('[data-ts="' + ts + '"] details'); if (d) d.open = true; });
    if (atEnd) el.scrollTop = el.scrollHeight;
  }

  function draw() {
    var s = state;
    $('#clock').textContent = s.acting.name + ' · ' + zoneTime(s.now, s.acting.tz, true) + ' (' + s.acting.tz + ')';
    // Redrawn only when it changed: a click must not land on a button replaced by the last poll.
    keepScroll($('#people'), '<span>Act as:</span>' + s.people.map(function (p) {
      return '<button data-person="' + esc(p.id) + '" aria-pressed="' + (p.id === s.acting.id) + '" title="' + esc(p.title + ' · ' + p.tz) + '">'
        + esc(p.name) + ' <small>' + esc(zoneTime(s.now, p.tz, false)) + '</small></button>';
    }).join(''));
    Array.prototype.forEach.call(document.querySelectorAll('[data-nav]'), function (b) { b.setAttribute('aria-current', String(b.getAttribute('data-nav') === nav)); });
    $('[data-nav="channel"]').textContent = '# ' + s.channel.name;
    var title = nav === 'channel' ? '#' + s.channel.name : nav === 'dm' ? 'Rearview (direct messages)' : 'Rearview · Home';
    $('#surface-title').textContent = title;
    var box = $('#messages');
    if (nav === 'home') {
      keepScroll(box, s.home ? s.home.html : '<div id="empty">The Home tab is loading…</div>');
    } else {
      var conv = nav === 'channel' ? s.channel : { id: s.dm.channel, messages: s.dm.messages };
      var eph = s.ephemerals.filter(function (e) { return e.channel === conv.id && !e.threadTs; });
      var html = listHtml(conv.messages, eph, true);
      if (!html && nav === 'channel') {
        html = '<div id="empty"><p>No retro here yet. See one from start to finish:</p><button id="sample-retro">Start a sample retro</button>'
          + '<p><small>or type <code>/retro start</code> below</small></p></div>';
      }
      keepScroll(box, html || '<div id="empty">No messages yet.</div>');
    }
    $('#composer-row').style.display = nav === 'home' ? 'none' : '';
    $('#composer').placeholder = nav === 'dm' ? 'Message Rearview, or type /retro help' : 'Message #' + s.channel.name + ', or type /retro help';
    var th = $('#thread');
    var replies = openThread ? (s.threads[openThread] || []) : [];
    if (openThread) {
      var parent = s.channel.messages.concat(s.dm.messages).filter(function (m) { return m.ts === openThread; })[0];
      var eph2 = s.ephemerals.filter(function (e) { return e.threadTs === openThread; });
      keepScroll($('#thread-messages'), (parent ? messageHtml(parent, {}) : '') + '<hr>' + listHtml(replies, eph2, false));
      th.classList.add('open');
    } else th.classList.remove('open');
    var overlay = $('#overlay');
    if (s.modal) {
      if (shownModal !== s.modal.viewId + '|' + s.modal.html) {
        var sameView = shownModal.split('|')[0] === s.modal.viewId;
        var typed = sameView ? touchedValues($('#modal')) : [];
        shownModal = s.modal.viewId + '|' + s.modal.html;
        $('#modal').innerHTML = s.modal.html; errors = {};
        restoreTouched($('#modal'), typed);
      }
      overlay.classList.add('open');
      showErrors();
    } else { overlay.classList.remove('open'); $('#modal').innerHTML = ''; shownModal = ''; }
  }

  // Slack keeps what a person typed or picked in an input that is still there, with the same ids, when the
  // app updates the view (a dispatched select redraws the setup modal): the page does the same.
  function keyOf(el) { return el.getAttribute('data-block-id') + '\n' + el.getAttribute('data-action-id') + '\n' + el.getAttribute('data-type'); }
  function touchedValues(root) {
    return Array.prototype.map.call(root.querySelectorAll('[data-touched]'), function (el) {
      if (el.tagName === 'SELECT') return { key: keyOf(el), picked: Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; }) };
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return { key: keyOf(el), value: el.value };
      return { key: keyOf(el), picked: Array.prototype.filter.call(el.querySelectorAll('input'), function (i) { return i.checked; }).map(function (i) { return (json(i, 'data-option') || {}).value; }) };
    });
  }
  function restoreTouched(root, typed) {
    typed.forEach(function (t) {
      var el = Array.prototype.filter.call(root.querySelectorAll('[data-action-id]'), function (e) { return keyOf(e) === t.key; })[0];
      if (!el) return;
      el.setAttribute('data-touched', '1');
      if (el.tagName === 'SELECT') Array.prototype.forEach.call(el.options, function (o) { o.selected = t.picked.indexOf(o.value) >= 0; });
      else if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') el.value = t.value;
      else Array.prototype.forEach.call(el.querySelectorAll('input'), function (i) { i.checked = t.picked.indexOf((json(i, 'data-option') || {}).value) >= 0; });
    });
  }
  function touch(ev) {
    var el = ev.target.closest && ev.target.closest('#modal [data-action-id]');
    if (el && el.tagName !== 'BUTTON') el.setAttribute('data-touched', '1');
  }
  document.addEventListener('input', touch, true);
  document.addEventListener('change', touch, true);

  function showErrors() {
    Array.prototype.forEach.call(document.querySelectorAll('#modal [data-error-for]'), function (el) {
      el.textContent = errors[el.getAttribute('data-error-for')] || '';
    });
  }

  function surfaceOf(el) {
    var s = el.closest('[data-surface]');
    if (!s) return null;
    if (s.getAttribute('data-surface') === 'view') return { kind: 'view', viewId: s.getAttribute('data-view-id') };
    return { kind: 'message', channel: s.getAttribute('data-channel'), ts: s.getAttribute('data-ts') };
  }
  function json(el, name) { try { return JSON.parse(el.getAttribute(name)); } catch (e) { return null; } }

  function zonedEpoch(local, zone) {
    if (!local) return null;
    var guess = Date.parse(local + ':00Z');
    for (var i = 0; i < 3; i++) {
      var parts = {};
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(guess)).forEach(function (p) { parts[p.type] = p.value; });
      var shown = Date.parse(parts.year + '-' + parts.month + '-' + parts.day + 'T' + parts.hour + ':' + parts.minute + ':00Z');
      guess += Date.parse(local + ':00Z') - shown;
    }
    return Math.round(guess / 1000);
  }

  /** One element's value the way Slack puts it in view.state.values and in an action. */
  function valueOf(el) {
    var type = el.getAttribute('data-type');
    var out = { type: type };
    var chosen = function () { return Array.prototype.filter.call(el.querySelectorAll('input'), function (i) { return i.checked; }).map(function (i) { return json(i, 'data-option'); }); };
    var selected = function () { return Array.prototype.filter.call(el.options, function (o) { return o.selected && o.value; }); };
    switch (type) {
      case 'plain_text_input': out.value = el.value === '' ? null : el.value; break;
      case 'static_select': var o = selected()[0]; out.selected_option = o ? json(o, 'data-option') : null; break;
      case 'multi_static_select': out.selected_options = selected().map(function (x) { return json(x, 'data-option'); }); break;
      case 'users_select': out.selected_user = el.value || null; break;
      case 'multi_users_select': out.selected_users = selected().map(function (x) { return x.value; }); break;
      case 'channels_select': out.selected_channel = el.value || null; break;
      case 'conversations_select': out.selected_conversation = el.value || null; break;
      case 'datepicker': out.selected_date = el.value || null; break;
      case 'timepicker': out.selected_time = el.value || null; break;
      case 'datetimepicker': out.selected_date_time = zonedEpoch(el.value, el.getAttribute('data-zone')); break;
      case 'checkboxes': out.selected_options = chosen(); break;
      case 'radio_buttons': out.selected_option = chosen()[0] || null; break;
    }
    return out;
  }

  // Slack's view.state.values holds every element that keeps a value, in input blocks and elsewhere.
  function stateOf(root) {
    var values = {};
    Array.prototype.forEach.call(root.querySelectorAll('[data-action-id]'), function (el) {
      var kind = el.getAttribute('data-type');
      if (kind === 'button' || kind === 'overflow') return;
      var block = el.getAttribute('data-block-id');
      values[block] = values[block] || {};
      values[block][el.getAttribute('data-action-id')] = valueOf(el);
    });
    return values;
  }

  function act(el, action) {
    var surface = surfaceOf(el);
    if (!surface || busy) return;
    var confirmText = json(el, 'data-confirm');
    if (confirmText && !window.confirm(confirmText.title + '\n\n' + confirmText.text)) return;
    var body = { as: as, surface: surface, action: action };
    if (surface.kind === 'view') body.state = { values: stateOf(el.closest('[data-surface]')) };
    var url = el.getAttribute('data-url');
    if (url) window.open(url, '_blank', 'noopener');
    busy = true;
    api('action', body).then(function () { busy = false; }, function () { busy = false; });
  }

  function base(el) { return { type: el.getAttribute('data-type'), action_id: el.getAttribute('data-action-id'), block_id: el.getAttribute('data-block-id') }; }

  document.addEventListener('click', function (ev) {
    // An open ⋯ menu closes when a click lands anywhere else, as Slack's does.
    Array.prototype.forEach.call(document.querySelectorAll('details.bk-overflow[open]'), function (d) { if (!d.contains(ev.target)) d.open = false; });
    var t = ev.target.closest('button, a');
    if (!t) return;
    if (t.hasAttribute('data-person')) { as = t.getAttribute('data-person'); openThread = ''; remember(); refresh(); if (nav === 'home') api('home', { as: as }); return; }
    if (t.hasAttribute('data-nav')) { nav = t.getAttribute('data-nav'); remember(); if (nav === 'home') api('home', { as: as }); else draw(); return; }
    if (t.hasAttribute('data-open-thread')) { openThread = t.getAttribute('data-open-thread'); remember(); draw(); return; }
    if (t.id === 'close-thread') { openThread = ''; remember(); draw(); return; }
    if (t.hasAttribute('data-time')) { api('time', { jump: t.getAttribute('data-time'), as: as }); return; }
    if (t.id === 'sample-retro') {
      t.disabled = true; t.textContent = 'Starting the sample retro…';
      // Refused (a retro is open already): the button comes back with the toast saying why.
      api('sample', {}).then(function (answer) { if (!answer || answer.ok === false) { $('#messages').__html = ''; draw(); } });
      return;
    }
    if (t.hasAttribute('data-submit')) {
      var view = t.closest('[data-surface]');
      var viewId = view.getAttribute('data-view-id');
      t.disabled = true;
      // Once submitted, what the app draws next is its own, not a redraw around what was typed.
      var values = stateOf(view);
      Array.prototype.forEach.call(view.querySelectorAll('[data-touched]'), function (el) { el.removeAttribute('data-touched'); });
      api('submit', { as: as, viewId: viewId, values: values }).then(function (answer) {
        t.disabled = false;
        if (answer && answer.errors) { errors = answer.errors; showErrors(); }
      });
      return;
    }
    if (t.hasAttribute('data-close')) { api('close', { as: as, viewId: t.closest('[data-surface]').getAttribute('data-view-id') }); return; }
    if (!t.hasAttribute('data-action-id')) return;
    var type = t.getAttribute('data-type');
    var action = base(t);
    if (type === 'button') action.value = t.getAttribute('data-value');
    else if (type === 'overflow') { action.selected_option = json(t, 'data-option'); var d = t.closest('details'); if (d) d.open = false; }
    else return;
    act(t, action);
  });

  document.addEventListener('change', function (ev) {
    var el = ev.target.closest('[data-action-id]');
    // Inputs in a modal's input blocks go with the submission, unless their block dispatches its actions;
    // elsewhere a choice acts at once, as in Slack. Typed text is never sent on its own.
    if (!el || el.tagName === 'BUTTON' || el.getAttribute('data-type') === 'plain_text_input') return;
    var inInput = el.closest('.bk-input');
    if (inInput && !inInput.hasAttribute('data-dispatch')) return;
    var action = base(el);
    var v = valueOf(el);
    for (var k in v) action[k] = v[k];
    act(el, action);
  });

  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Escape') return;
    var close = document.querySelector('#overlay.open [data-close]');
    if (close) close.click();
  });

  $('#composer').addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter' || !ev.target.value.trim()) return;
    var text = ev.target.value.trim();
    ev.target.value = '';
    api('command', { as: as, text: text, channel: nav === 'dm' ? state.dm.channel : state.channel.id });
  });

  refresh().then(function () { if (nav === 'home') api('home', { as: as }); });
  setInterval(function () { if (!document.hidden) refresh(); }, 1500);
})();
`;
