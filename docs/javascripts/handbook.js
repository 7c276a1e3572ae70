/* Copy links for briefings: the "Copy link" button of an entry page and the
 * ¶ permalink of every heading put the address on the clipboard. */
(function () {
  "use strict";

  // The page's words in its edition's language (main.html).
  var wordsMeta = document.querySelector('meta[name="hb:words"]');
  var words = wordsMeta ? JSON.parse(wordsMeta.content) : {};

  // Material's search dialog has no accessible name (axe: aria-dialog-name);
  // naming it here keeps the theme's template unforked.
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", words.search || "Search");
  }

  function pageAddress() {
    // The online address, also in the offline edition (set by the build).
    var address = document.querySelector('meta[name="hb:address"]');
    var canonical = document.querySelector('link[rel="canonical"]');
    var href = address ? address.content : canonical ? canonical.href : window.location.href;
    return href.split("#")[0].split("?")[0];
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http: fall back to a selected textarea.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function announce(message) {
    var status = document.querySelector(".hb-copy-status");
    if (!status) {
      status = document.createElement("div");
      status.className = "hb-copy-status hb-toast";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = message;
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(function () { status.textContent = ""; }, 2500);
  }

  function say(key, fallback, text) {
    return (words[key] || fallback).replace("{url}", text);
  }

  function copyAndTell(text) {
    copy(text).then(
      function () { announce(say("copied", "Link copied: {url}", text)); },
      function () { announce(say("copy", "Copy this link: {url}", text)); }
    );
  }

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copyAndTell(pageAddress()); });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.headerlink");
    if (!link) return;
    copyAndTell(pageAddress() + link.getAttribute("href"));
  });
})();
