/* Catalog filters (SPEC 4): cost, time, format, language, level, topic, region
 * and free text, kept in the query string so a filtered view can be pasted
 * into a briefing; the filtered list downloads as CSV, built here (works
 * offline). No dependencies; loaded only by the catalog pages, right after the
 * cards, so a filter in the address applies before the list is first shown. */
(function () {
  "use strict";

  var root = document.querySelector(".hb-catalog");
  if (!root) return;

  // The filter keys and how each matches come from the page (handbook/facets.py):
  // "one" value, "any" of a list, "max" hours, "any-or-global" region.
  var MODES = {};
  var KEYS = [];
  JSON.parse(root.getAttribute("data-facets")).forEach(function (pair) {
    MODES[pair[0]] = pair[1];
    KEYS.push(pair[0]);
  });
  KEYS.push("q");

  var form = root.querySelector(".hb-filters");
  var facets = Array.prototype.slice.call(form.querySelectorAll(".hb-facet"));
  var status = root.querySelector(".hb-status");
  var nomatch = root.querySelector(".hb-nomatch");
  var resetButton = form.querySelector(".hb-reset");
  var downloadButton = root.querySelector(".hb-download");
  var noun = root.getAttribute("data-noun");
  var nounOne = root.getAttribute("data-noun-one");
  // The interface's words in the page's language (handbook/render.py, catalog_words).
  var W = JSON.parse(root.getAttribute("data-words"));

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  var items = Array.prototype.map.call(root.querySelectorAll(".hb-card"), toItem);
  var state = parseQuery(window.location.search);

  function words(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  function fold(text) {
    // Case- and accent-insensitive matching: "Réseau" is found as "reseau".
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function toItem(el) {
    var item = { el: el, shown: true };
    Object.keys(MODES).forEach(function (key) {
      var raw = el.getAttribute("data-" + key) || "";
      var mode = MODES[key];
      item[key] = mode === "max" ? (raw === "" ? null : Number(raw))
        : mode === "one" ? raw : words(raw);
    });
    item.text = fold(el.textContent + " " + (el.getAttribute("data-topic") || "").replace(/-/g, " "));
    return item;
  }

  function isActive(s, key) {
    return key === "q" ? !!s.q : s[key].length > 0;
  }

  /* ---- state <-> query string ---- */

  function emptyState() {
    var s = {};
    KEYS.forEach(function (k) { s[k] = k === "q" ? "" : []; });
    return s;
  }

  function parseQuery(search) {
    var s = emptyState();
    var params = new URLSearchParams(search);
    KEYS.forEach(function (key) {
      if (key === "q") {
        s.q = (params.get("q") || "").trim();
        return;
      }
      var values = [];
      params.getAll(key).forEach(function (raw) {
        raw.split(",").forEach(function (v) {
          v = v.trim();
          if (v && values.indexOf(v) < 0) values.push(v);
        });
      });
      if (MODES[key] === "max") {
        // Any positive number; with several, the largest applies.
        var numbers = values.map(Number).filter(function (n) { return isFinite(n) && n > 0; });
        values = numbers.length ? [String(Math.max.apply(null, numbers))] : [];
      }
      s[key] = values;
    });
    return s;
  }

  function toQuery(s) {
    var parts = [];
    KEYS.forEach(function (key) {
      if (key === "q") {
        if (s.q) parts.push("q=" + encodeURIComponent(s.q));
      } else if (s[key].length) {
        parts.push(key + "=" + s[key].map(encodeURIComponent).join(","));
      }
    });
    // Keep what is not ours, such as the search's highlight term (?h=).
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (KEYS.indexOf(key) < 0) parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  /* ---- matching ---- */

  function any(a, b) {
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) >= 0) return true;
    return false;
  }

  function matchKey(item, key, s) {
    var values = s[key];
    if (key === "q") {
      if (!values) return true;
      var terms = words(fold(values));
      for (var i = 0; i < terms.length; i++) if (item.text.indexOf(terms[i]) < 0) return false;
      return true;
    }
    if (!values.length) return true;
    var mode = MODES[key];
    if (mode === "max") return item[key] !== null && item[key] <= Number(values[0]);
    if (mode === "any-or-global") return item[key].indexOf("global") >= 0 || any(values, item[key]);
    if (mode === "any") return any(values, item[key]);
    return values.indexOf(item[key]) >= 0;
  }

  function matches(item, s, skipKey) {
    for (var i = 0; i < KEYS.length; i++) {
      var key = KEYS[i];
      if (key !== skipKey && !matchKey(item, key, s)) return false;
    }
    return true;
  }

  function countWith(s) {
    var n = 0;
    for (var i = 0; i < items.length; i++) if (matches(items[i], s)) n++;
    return n;
  }

  /* ---- rendering ---- */

  function plural(n) {
    return n === 1 ? nounOne : noun;
  }

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, state);
      if (visible !== item.shown) {
        item.el.hidden = !visible;
        item.shown = visible;
      }
      if (visible) shown++;
    });
    var filtered = KEYS.some(function (k) { return isActive(state, k); });
    var counted = { n: shown, total: items.length, noun: plural(items.length), nounn: plural(shown) };
    status.textContent = say(filtered ? W.some : W.all, counted);
    resetButton.hidden = !filtered;
    downloadButton.hidden = shown === 0;
    downloadButton.textContent = say(filtered ? W.downloadSome : W.downloadAll, counted);
    form.querySelectorAll(".hb-show").forEach(function (button) {
      button.textContent = say(W.show, counted);
    });
    updateCounts();
    updateChosen();
    updateNoMatch(shown);
    syncForm();
    var query = toQuery(state);
    if (query !== window.location.search && !(query === "" && window.location.search === "")) {
      window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
    }
  }

  function updateCounts() {
    facets.forEach(function (facet) {
      var key = facet.getAttribute("data-key");
      var mode = MODES[key];
      var tally = {};
      var base = 0;
      // The values offered on the page: time buckets, regions, …
      var offered = Array.prototype.map.call(facet.querySelectorAll("input"),
        function (input) { return input.value; }).filter(Boolean);
      items.forEach(function (item) {
        if (!matches(item, state, key)) return;
        base++;
        var counted = mode === "max"
          ? offered.filter(function (b) { return item[key] !== null && item[key] <= Number(b); })
          : mode === "any-or-global" && item[key].indexOf("global") >= 0 ? offered
          : mode === "one" ? [item[key]] : item[key];
        counted.forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
      });
      Array.prototype.forEach.call(facet.querySelectorAll(".hb-n"), function (span) {
        var value = span.getAttribute("data-value");
        span.textContent = "(" + (value === null ? base : tally[value] || 0) + ")";
      });
    });
  }

  function updateChosen() {
    // Each filter button says what is chosen, so a closed panel still shows the state.
    facets.forEach(function (facet) {
      var key = facet.getAttribute("data-key");
      var chosen = facet.querySelector(".hb-facet__chosen");
      chosen.textContent = state[key].length
        ? ": " + state[key].map(function (v) { return labelFor(key, v); }).join(", ")
        : "";
      facet.classList.toggle("hb-facet--active", state[key].length > 0);
    });
  }

  function labelFor(key, value) {
    var input = form.querySelector('input[name="' + key + '"][value="' + CSS.escape(value) + '"]');
    if (input) return input.getAttribute("data-label") || value;
    if (MODES[key] === "max") return say(W.upTo, { n: value });
    return value;
  }

  function updateNoMatch(shown) {
    nomatch.hidden = shown > 0;
    if (shown > 0) return;
    var list = nomatch.querySelector(".hb-nomatch__options");
    list.textContent = "";
    var options = [];
    KEYS.forEach(function (key) {
      if (!isActive(state, key)) return;
      var wider = copyState(state);
      wider[key] = key === "q" ? "" : [];
      var label = key === "q" ? say(W.theSearch, { q: state.q })
        : state[key].map(function (v) { return labelFor(key, v); }).join(W.or);
      var legend = key === "q" ? "" : legendFor(key);
      options.push({ key: key, n: countWith(wider),
        text: say(W.remove, { what: (legend ? legend + ": " : "") + label }) });
    });
    options.sort(function (a, b) { return b.n - a.n; });
    options.forEach(function (option) {
      list.appendChild(widenItem(option.text + " (" + option.n + " " + plural(option.n) + ")", function () {
        state[option.key] = option.key === "q" ? "" : [];
        apply();
      }, option.key));
    });
    list.appendChild(widenItem(say(W.resetAll, { total: items.length, noun: plural(items.length) }),
      resetAll));
  }

  function widenItem(text, action, key) {
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hb-widen";
    if (key) button.setAttribute("data-key", key);
    button.textContent = text;
    button.addEventListener("click", action);
    li.appendChild(button);
    return li;
  }

  function legendFor(key) {
    var legend = form.querySelector('.hb-facet[data-key="' + key + '"] .hb-facet__legend');
    return legend ? legend.textContent.toLowerCase() : key;
  }

  function copyState(s) {
    var c = {};
    KEYS.forEach(function (k) { c[k] = k === "q" ? s[k] : s[k].slice(); });
    return c;
  }

  function syncForm() {
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
      var key = input.name;
      if (key === "q") {
        if (document.activeElement !== input) input.value = state.q;
      } else if (input.type === "radio") {
        input.checked = input.value === (state[key][0] || "");
      } else {
        input.checked = state[key].indexOf(input.value) >= 0;
      }
    });
  }

  function resetAll() {
    state = emptyState();
    apply();
  }

  /* ---- the filtered list as CSV, made in the browser ---- */

  function csvCell(text) {
    text = String(text == null ? "" : text).replace(/\s+/g, " ").trim();
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // never a formula in a spreadsheet
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function visibleRows() {
    var rows = [["id", "title", "provider", "kind", "cost", "time", "languages", "level", "topics",
      "entry page", "link"]];
    items.forEach(function (item) {
      if (!item.shown) return;
      var el = item.el;
      var text = function (selector) {
        var node = el.querySelector(selector);
        return node ? node.textContent : "";
      };
      var labels = function (key, values) {
        return values.map(function (v) { return labelFor(key, v); }).join("; ");
      };
      var page = el.querySelector(".hb-card__title a");
      rows.push([el.id, text(".hb-card__title"), el.getAttribute("data-provider"),
        el.getAttribute("data-kind-label"), labelFor("cost", item.cost),
        el.getAttribute("data-time"), labels("lang", item.lang || []), labelFor("level", item.level || ""),
        labels("topic", item.topic || []), page ? page.href : "", el.getAttribute("data-url")]);
    });
    return rows;
  }

  function download() {
    var csv = "\ufeff" + visibleRows().map(function (row) {
      return row.map(csvCell).join(",");
    }).join("\r\n") + "\r\n";
    var blob = new Blob([csv], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = window.location.pathname.split("/").filter(Boolean).pop().replace(/\.html$/, "") + ".csv";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  /* ---- events ---- */

  form.addEventListener("change", function (event) {
    var input = event.target;
    var key = input.name;
    if (!key || key === "q") return;
    if (input.type === "radio") {
      state[key] = input.value ? [input.value] : [];
    } else {
      var values = state[key].filter(function (v) { return v !== input.value; });
      if (input.checked) values.push(input.value);
      state[key] = values;
    }
    apply();
  });
  form.addEventListener("input", function (event) {
    if (event.target.name !== "q") return;
    state.q = event.target.value.trim();
    apply();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  resetButton.addEventListener("click", resetAll);
  downloadButton.addEventListener("click", download);

  // One filter open at a time; "Show N" or a click elsewhere closes it and shows the list.
  facets.forEach(function (facet) {
    facet.addEventListener("toggle", function () {
      if (!facet.open) return;
      facets.forEach(function (other) { if (other !== facet) other.open = false; });
    });
    facet.querySelector(".hb-show").addEventListener("click", function () {
      facet.open = false;
      status.scrollIntoView({ block: "start", behavior: "smooth" });
    });
  });
  document.addEventListener("click", function (event) {
    facets.forEach(function (facet) {
      if (facet.open && !facet.contains(event.target)) facet.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    facets.forEach(function (facet) {
      if (facet.open) {
        facet.open = false;
        facet.querySelector("summary").focus();
      }
    });
  });

  apply();
  document.documentElement.classList.remove("hb-filtering");
  root.setAttribute("data-ready", "");
})();
