// Sentence explorer (analysis/explore). Every element is built with textContent:
// corpus text is never parsed as HTML. Timings are kept on <body data-*> for tests.
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("kj-data").textContent);
  var S = D.s, docs = D.docs, N = S.text.length, PAGE = D.page_size || 100;
  var ALL = "", NONE = "\u0000none", ANY = "\u0000any";
  var lower = null, shown = 0, matches = [];
  var body = document.body, status = document.getElementById("kj-status");
  var tbody = document.querySelector("#kj-rows tbody"), more = document.getElementById("kj-more");
  var panel = document.getElementById("kj-doc");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function distinct(values) {
    var seen = {}, out = [];
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (v !== "" && !Object.prototype.hasOwnProperty.call(seen, v)) { seen[v] = 1; out.push(v); }
    }
    return out.sort();
  }
  function select(id, label, options, extra) {
    var wrap = el("label", "kj-filter", label + " ");
    var s = el("select"); s.id = id;
    s.appendChild(new Option("(all)", ALL));
    (extra || []).forEach(function (o) { s.appendChild(new Option(o[0], o[1])); });
    options.forEach(function (o, i) {
      var isPair = Array.isArray(o);
      s.appendChild(new Option(isPair ? o[0] : o, isPair ? o[1] : o));
    });
    wrap.appendChild(s);
    return wrap;
  }
  function numberInput(id, label, value) {
    var wrap = el("label", "kj-filter", label + " ");
    var i = el("input"); i.id = id; i.type = "number"; i.step = "0.05"; i.min = "-1"; i.max = "1";
    i.value = String(value);
    wrap.appendChild(i);
    return wrap;
  }

  // ---- filters ---------------------------------------------------------------------
  var filters = document.getElementById("kj-filters");
  var search = el("input"); search.id = "kj-search"; search.type = "search";
  search.placeholder = "search the text";
  var searchWrap = el("label", "kj-filter", "text "); searchWrap.appendChild(search);
  filters.appendChild(searchWrap);
  filters.appendChild(select("kj-country", "country", distinct(docs.outlet_country)));
  filters.appendChild(select("kj-outlet", "outlet", distinct(docs.outlet)));
  filters.appendChild(select("kj-kind", "kind", distinct(docs.kind)));
  filters.appendChild(select("kj-language", "language", distinct(S.lang)));
  var frameOptions = D.frames.map(function (f, i) { return [f, String(i)]; });
  filters.appendChild(select("kj-frame", "frame", frameOptions, [["(any frame)", ANY], ["(no frame)", NONE]]));
  var termOptions = D.terms.map(function (t, i) { return [t, String(i)]; });
  filters.appendChild(select("kj-term", "contested term", termOptions, [["(any term)", ANY]]));
  filters.appendChild(numberInput("kj-tone-min", "tone from", -1));
  filters.appendChild(numberInput("kj-tone-max", "to", 1));

  function value(id) { return document.getElementById(id).value; }
  function docValue(field, doc) { return docs[field][doc]; }

  function has(list, wanted) {
    for (var i = 0; i < list.length; i++) if (list[i] === wanted) return true;
    return false;
  }

  function applyFilters() {
    var start = performance.now();
    var country = value("kj-country"), outlet = value("kj-outlet"), kind = value("kj-kind");
    var lang = value("kj-language"), frame = value("kj-frame"), term = value("kj-term");
    var lo = parseFloat(value("kj-tone-min")), hi = parseFloat(value("kj-tone-max"));
    if (isNaN(lo)) lo = -1;
    if (isNaN(hi)) hi = 1;
    var toneAll = lo <= -1 && hi >= 1;
    var q = search.value.trim().toLowerCase();
    if (q && lower === null) lower = S.text.map(function (t) { return t.toLowerCase(); });
    var frameId = frame === ALL || frame === ANY || frame === NONE ? -1 : parseInt(frame, 10);
    var termId = term === ALL || term === ANY ? -1 : parseInt(term, 10);
    var out = [];
    for (var i = 0; i < N; i++) {
      var d = S.doc[i];
      if (country !== ALL && docs.outlet_country[d] !== country) continue;
      if (outlet !== ALL && docs.outlet[d] !== outlet) continue;
      if (kind !== ALL && docs.kind[d] !== kind) continue;
      if (lang !== ALL && S.lang[i] !== lang) continue;
      if (frame === ANY && S.frames[i].length === 0) continue;
      if (frame === NONE && S.frames[i].length !== 0) continue;
      if (frameId >= 0 && !has(S.frames[i], frameId)) continue;
      if (term === ANY && S.terms[i].length === 0) continue;
      if (termId >= 0 && !has(S.terms[i], termId)) continue;
      if (!toneAll) {
        var t = S.tone[i];
        if (t === null || t < lo || t > hi) continue;
      }
      if (q && lower[i].indexOf(q) < 0) continue;
      out.push(i);
    }
    matches = out;
    tbody.textContent = "";
    shown = 0;
    showMore();
    var ms = performance.now() - start;
    body.setAttribute("data-filter-ms", ms.toFixed(1));
    body.setAttribute("data-matches", String(out.length));
    return ms;
  }

  // ---- one sentence with its highlights ---------------------------------------------
  function highlighted(i) {
    var text = S.text[i], cuts = [0, text.length], marks = [];
    S.fspans[i].forEach(function (s) { marks.push([s[0], s[1], "kj-frame", "frame: " + D.frames[s[2]]]); });
    S.tspans[i].forEach(function (s) { marks.push([s[0], s[1], "kj-term", "term: " + D.terms[s[2]]]); });
    S.dspans[i].forEach(function (s) {
      marks.push([s[0], s[1], s[2] >= 0 ? "kj-pos" : "kj-neg", "driver (" + D.drivers_column + ") " + (s[2] >= 0 ? "+" : "") + s[2]]);
    });
    marks.forEach(function (m) { cuts.push(m[0], m[1]); });
    cuts = cuts.filter(function (c) { return c >= 0 && c <= text.length; });
    cuts.sort(function (a, b) { return a - b; });
    var p = el("span", "kj-sentence");
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      if (a === b) continue;
      var cls = [], why = [];
      marks.forEach(function (m) { if (m[0] <= a && m[1] >= b) { cls.push(m[2]); why.push(m[3]); } });
      var piece = el(cls.length ? "mark" : "span", cls.join(" "), text.slice(a, b));
      if (why.length) piece.title = why.join("; ");
      p.appendChild(piece);
    }
    return p;
  }

  function labels(i) {
    var cell = el("td", "kj-labels");
    S.frames[i].forEach(function (f) { cell.appendChild(el("span", "kj-chip kj-frame", D.frames[f])); });
    S.terms[i].forEach(function (t) { cell.appendChild(el("span", "kj-chip kj-term", D.terms[t])); });
    return cell;
  }

  function toneCell(i) {
    var t = S.tone[i];
    return el("td", "kj-num", t === null ? "not scored" : (t > 0 ? "+" : "") + t.toFixed(3));
  }

  function row(i) {
    var d = S.doc[i], tr = el("tr");
    tr.setAttribute("data-index", String(i));
    var src = el("td", "kj-source");
    var link = el("a", "kj-doclink", docValue("title", d) || docValue("doc_id", d));
    link.href = "#doc=" + encodeURIComponent(docValue("doc_id", d)) + "&s=" + S.sid[i];
    src.appendChild(link);
    var meta = [docValue("outlet_country", d), docValue("outlet", d), docValue("kind", d),
      docValue("published", d), S.lang[i]].filter(function (x) { return x; }).join(" · ");
    src.appendChild(el("div", "kj-meta", meta));
    tr.appendChild(src);
    var td = el("td"); td.appendChild(highlighted(i)); tr.appendChild(td);
    tr.appendChild(toneCell(i));
    tr.appendChild(labels(i));
    return tr;
  }

  function showMore() {
    var frag = document.createDocumentFragment(), end = Math.min(matches.length, shown + PAGE);
    for (var k = shown; k < end; k++) frag.appendChild(row(matches[k]));
    tbody.appendChild(frag);
    shown = end;
    more.hidden = shown >= matches.length;
    status.textContent = matches.length + " of " + N + " sentences match; showing " + shown +
      ". Tone: " + D.tone_column + "; highlighted words: " + D.drivers_column + ".";
  }

  // ---- the document view ------------------------------------------------------------
  function showDocument() {
    var m = /^#doc=([^&]*)(?:&s=(\d+))?$/.exec(location.hash);
    if (!m) { panel.hidden = true; return; }
    var id = decodeURIComponent(m[1]), d = docs.doc_id.indexOf(id);
    if (d < 0) { panel.hidden = true; return; }
    panel.textContent = "";
    var close = el("a", "kj-close", "close"); close.href = "#";
    panel.appendChild(close);
    panel.appendChild(el("h2", null, docValue("title", d) || id));
    ["doc_id", "outlet", "outlet_country", "kind", "language", "published", "url"].forEach(function (f) {
      if (docValue(f, d)) panel.appendChild(el("div", "kj-meta", f + ": " + docValue(f, d)));
    });
    for (var i = 0; i < N; i++) {
      if (S.doc[i] !== d) continue;
      var p = el("p", "kj-docsentence");
      if (m[2] !== undefined && String(S.sid[i]) === m[2]) p.className += " kj-current";
      p.appendChild(highlighted(i));
      panel.appendChild(p);
    }
    panel.hidden = false;
    var current = panel.querySelector(".kj-current");
    if (current && current.scrollIntoView) current.scrollIntoView({ block: "center" });
  }

  // A change event also fires when a field loses focus: filter again only when the
  // filters really changed (else a click on a row's link would land on a redrawn row).
  var lastState = null, timer = null;
  function state() {
    return ["kj-search", "kj-country", "kj-outlet", "kj-kind", "kj-language", "kj-frame", "kj-term",
      "kj-tone-min", "kj-tone-max"].map(function (id) { return value(id); }).join("\u0001");
  }
  function refresh() {
    clearTimeout(timer);
    var now = state();
    if (now === lastState) return;
    lastState = now;
    applyFilters();
  }
  function later() { clearTimeout(timer); timer = setTimeout(refresh, 120); }
  filters.addEventListener("change", refresh);
  filters.addEventListener("input", later);
  more.addEventListener("click", showMore);
  window.addEventListener("hashchange", showDocument);
  window.kjExplorer = { apply: applyFilters, count: function () { return matches.length; } };
  refresh();
  showDocument();
  body.setAttribute("data-first-render-ms", (performance.now() - t0).toFixed(1));
  body.setAttribute("data-ready", "1");
})();
