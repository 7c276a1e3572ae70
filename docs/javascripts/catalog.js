/* Catalog filters (SPEC 4): cost, time, format, language, level, topic, region
 * and free text, kept in the query string so a filtered view can be pasted
 * into a briefing. No dependencies; loaded only by the catalog pages. */
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
  var status = root.querySelector(".hb-status");
  var nomatch = root.querySelector(".hb-nomatch");
  var noun = root.getAttribute("data-noun");
  var nounOne = root.getAttribute("data-noun-one");
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
    var filtered = KEYS.some(function (k) { return k === "q" ? !!state.q : state[k].length; });
    status.textContent = filtered
      ? shown + " of " + items.length + " " + plural(items.length)
      : "All " + items.length + " " + plural(items.length);
    updateCounts();
    updateNoMatch(shown);
    syncForm();
    var query = toQuery(state);
    if (query !== window.location.search && !(query === "" && window.location.search === "")) {
      window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
    }
  }

  function updateCounts() {
    if (!form) return;
    Array.prototype.forEach.call(form.querySelectorAll(".hb-facet"), function (fieldset) {
      var key = fieldset.getAttribute("data-key");
      var mode = MODES[key];
      var tally = {};
      var base = 0;
      // The values offered on the page: time buckets, regions, …
      var offered = Array.prototype.map.call(fieldset.querySelectorAll("input"),
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
      Array.prototype.forEach.call(fieldset.querySelectorAll(".hb-n"), function (span) {
        var value = span.getAttribute("data-value");
        span.textContent = "(" + (value === null ? base : tally[value] || 0) + ")";
      });
    });
  }

  function labelFor(key, value) {
    var input = form && form.querySelector('input[name="' + key + '"][value="' + CSS.escape(value) + '"]');
    if (input) return input.getAttribute("data-label") || value;
    if (MODES[key] === "max") return "up to " + value + " hours";
    return value;
  }

  function updateNoMatch(shown) {
    nomatch.hidden = shown > 0;
    if (shown > 0) return;
    var list = nomatch.querySelector(".hb-nomatch__options");
    list.textContent = "";
    var options = [];
    KEYS.forEach(function (key) {
      var active = key === "q" ? !!state.q : state[key].length > 0;
      if (!active) return;
      var wider = copyState(state);
      wider[key] = key === "q" ? "" : [];
      var label = key === "q" ? "the search \u201c" + state.q + "\u201d"
        : state[key].map(function (v) { return labelFor(key, v); }).join(" or ");
      var legend = key === "q" ? "" : legendFor(key);
      options.push({ key: key, n: countWith(wider), text: "remove " + (legend ? legend + ": " : "") + label });
    });
    options.sort(function (a, b) { return b.n - a.n; });
    options.forEach(function (option) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-widen";
      button.setAttribute("data-key", option.key);
      button.textContent = option.text + " (" + option.n + " " + plural(option.n) + ")";
      button.addEventListener("click", function () {
        state[option.key] = option.key === "q" ? "" : [];
        apply();
      });
      li.appendChild(button);
      list.appendChild(li);
    });
    var li = document.createElement("li");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "hb-widen";
    reset.textContent = "reset all filters (" + items.length + " " + plural(items.length) + ")";
    reset.addEventListener("click", resetAll);
    li.appendChild(reset);
    list.appendChild(li);
  }

  function legendFor(key) {
    var fieldset = form && form.querySelector('.hb-facet[data-key="' + key + '"] legend');
    return fieldset ? fieldset.textContent.toLowerCase() : key;
  }

  function copyState(s) {
    var c = {};
    KEYS.forEach(function (k) { c[k] = k === "q" ? s[k] : s[k].slice(); });
    return c;
  }

  function syncForm() {
    if (!form) return;
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
  form.querySelector(".hb-reset").addEventListener("click", resetAll);

  form.hidden = false;
  var panel = form.querySelector(".hb-filters__panel");
  var anyFilter = KEYS.some(function (k) { return k === "q" ? !!state.q : state[k].length; });
  if (panel && !anyFilter && window.matchMedia("(max-width: 44em)").matches) panel.open = false;
  apply();
})();
