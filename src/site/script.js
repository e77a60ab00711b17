// Search, filters, the edition switcher and deep links. The page works
// without this: it only hides, dims and opens what the HTML already has.
(function () {
  'use strict';
  var d = document;
  var form = d.getElementById('controls');
  var items = [].slice.call(d.querySelectorAll('li.tech'));
  var byId = {};
  items.forEach(function (li) { byId[li.getAttribute('data-id')] = li; });
  var names = ['q', 'quadrant', 'ring', 'change', 'tag', 'edition'];
  var field = {};
  names.forEach(function (n) { field[n] = d.getElementById(n === 'q' ? 'q' : 'f-' + n); });
  var count = d.getElementById('count');
  var blips = [].slice.call(d.querySelectorAll('figure.edition g.blip'));
  var current = field.edition ? field.edition.value : '';
  var lastOpened = null;

  function blipId(g) { return g.id.replace(/^e\d+-blip-/, ''); }
  function value(n) { return field[n] ? field[n].value : ''; }
  function state() {
    var s = {};
    names.forEach(function (n) { s[n] = value(n); });
    s.q = s.q.trim().toLowerCase();
    return s;
  }
  function textMatch(li, s) {
    return !s.q || li.getAttribute('data-search').indexOf(s.q) >= 0;
  }
  function tagMatch(li, s) {
    return !s.tag || (' ' + li.getAttribute('data-tags') + ' ').indexOf(' ' + s.tag + ' ') >= 0;
  }
  function changeMatch(change, want) {
    return !want || change === want || (want === 'moved' && /^moved-/.test(change));
  }
  function keepItem(li, s) {
    return textMatch(li, s) && tagMatch(li, s) &&
      (!s.quadrant || li.getAttribute('data-quadrant') === s.quadrant) &&
      (!s.ring || li.getAttribute('data-ring') === s.ring) &&
      changeMatch(li.getAttribute('data-change'), s.change);
  }
  function keepBlip(g, s) {
    var li = byId[blipId(g)];
    var c = g.classList;
    var change = ['new', 'moved-in', 'moved-out', 'unchanged'].filter(function (x) { return c.contains(x); })[0] || '';
    return (!li || (textMatch(li, s) && tagMatch(li, s))) &&
      (!s.quadrant || c.contains('quadrant-' + s.quadrant)) &&
      (!s.ring || c.contains('ring-' + s.ring)) &&
      changeMatch(change, s.change);
  }
  function apply() {
    var s = state();
    var shown = 0;
    items.forEach(function (li) {
      var keep = keepItem(li, s);
      li.hidden = !keep;
      if (keep) { shown++; }
    });
    [].forEach.call(d.querySelectorAll('.ringgroup, .quad'), function (g) {
      g.hidden = !g.querySelector('li.tech:not([hidden])');
    });
    blips.forEach(function (g) { g.classList.toggle('dim', !keepBlip(g, s)); });
    [].forEach.call(d.querySelectorAll('figure.edition'), function (f) {
      f.hidden = !!s.edition && f.getAttribute('data-edition') !== s.edition;
    });
    count.textContent = shown + ' of ' + items.length + (items.length === 1 ? ' technology' : ' technologies');
  }
  function writeHash() {
    var s = state();
    var parts = [];
    names.forEach(function (n) {
      var v = n === 'q' ? field.q.value.trim() : s[n];
      if (v && !(n === 'edition' && v === current)) { parts.push(n + '=' + encodeURIComponent(v)); }
    });
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }
  function open(id, focus) {
    var li = byId[id];
    if (!li) { return; }
    li.hidden = false;
    var g = li.closest('.ringgroup'); if (g) { g.hidden = false; }
    var q = li.closest('.quad'); if (q) { q.hidden = false; }
    var det = li.querySelector('details');
    det.open = true;
    lastOpened = det;
    det.scrollIntoView({ block: 'start' });
    if (focus) { det.querySelector('summary').focus(); }
  }
  function readHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (h.indexOf('tech-') === 0) { apply(); open(h.slice(5), true); return; }
    var params = {};
    location.hash.slice(1).split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) { params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); }
    });
    names.forEach(function (n) {
      if (!field[n]) { return; }
      if (n === 'edition') { field[n].value = params[n] || current; } else { field[n].value = params[n] || ''; }
      if (field[n].value === '' && n === 'edition') { field[n].value = current; }
    });
    apply();
  }

  blips.forEach(function (g) {
    var id = blipId(g);
    var link = g.parentNode && g.parentNode.nodeName.toLowerCase() === 'a' ? g.parentNode : null;
    var target = link || g;
    var title = g.querySelector('title');
    if (!link) { g.setAttribute('tabindex', '0'); g.setAttribute('role', 'button'); }
    if (title) { target.setAttribute('aria-label', title.textContent + ' (open detail)'); }
    function go(e) { e.preventDefault(); location.hash = 'tech-' + id; open(id, true); }
    target.addEventListener('click', go);
    target.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { go(e); }
    });
  });
  d.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') { return; }
    var det = (d.activeElement && d.activeElement.closest && d.activeElement.closest('details[open]')) || lastOpened;
    if (det && det.open) { det.open = false; det.querySelector('summary').focus(); }
  });
  form.addEventListener('input', function () { apply(); writeHash(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () {
    setTimeout(function () { if (field.edition) { field.edition.value = current; } apply(); writeHash(); }, 0);
  });
  window.addEventListener('hashchange', readHash);
  form.hidden = false;
  readHash();
}());
