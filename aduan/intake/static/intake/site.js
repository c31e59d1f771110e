/* Aduan Kalsel — comfort only. Every page works fully without this file. */
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");

  function ready(fn) {
    if (doc.readyState !== "loading") { fn(); } else { doc.addEventListener("DOMContentLoaded", fn); }
  }
  function lang() { return doc.documentElement.lang === "en" ? "en" : "id"; }
  var words = {
    id: { chars: "karakter", of: "dari", tooMany: "Terlalu banyak berkas: paling banyak ",
          tooBig: "terlalu besar", copied: "Tersalin" },
    en: { chars: "characters", of: "of", tooMany: "Too many files: at most ",
          tooBig: "too large", copied: "Copied" }
  };
  function t(key) { return words[lang()][key]; }
  function size(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1) + " MB"; }
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function counters() {
    var areas = doc.querySelectorAll("textarea[data-counter][maxlength]");
    Array.prototype.forEach.call(areas, function (area) {
      var max = parseInt(area.getAttribute("maxlength"), 10);
      var out = doc.createElement("p");
      out.className = "counter";
      out.id = area.id + "_counter";
      out.setAttribute("aria-live", "polite");
      area.parentNode.insertBefore(out, area.nextSibling);
      var timer = null;
      function show() {
        out.textContent = area.value.length.toLocaleString(lang()) + " " + t("of") + " " +
          max.toLocaleString(lang()) + " " + t("chars");
      }
      show();
      area.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(show, 600);
      });
    });
  }

  function previews() {
    var inputs = doc.querySelectorAll("input[type=file][data-preview]");
    Array.prototype.forEach.call(inputs, function (input) {
      var list = doc.createElement("ul");
      list.className = "file-list";
      list.setAttribute("aria-live", "polite");
      input.parentNode.insertBefore(list, input.nextSibling);
      input.addEventListener("change", function () {
        var maxFiles = parseInt(input.getAttribute("data-max-files"), 10) || 5;
        var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10) || 10485760;
        list.textContent = "";
        var files = input.files || [];
        if (files.length > maxFiles) {
          var warn = doc.createElement("li");
          warn.className = "errorlist";
          warn.textContent = t("tooMany") + maxFiles + ".";
          list.appendChild(warn);
        }
        Array.prototype.forEach.call(files, function (file) {
          var item = doc.createElement("li");
          item.textContent = file.name + " (" + size(file.size) + ")";
          if (file.size > maxBytes) {
            item.className = "errorlist";
            item.textContent += " — " + t("tooBig");
          }
          list.appendChild(item);
        });
      });
    });
  }

  function identity() {
    var group = doc.querySelector("fieldset[data-identity]");
    var note = doc.getElementById("anonymous-note");
    var radios = doc.querySelectorAll("input[name=privacy]");
    if (!group || !radios.length) { return; }
    // Fields with errors stay visible, so the reader can see what to correct.
    var keepVisible = group.classList.contains("field-error") ||
      group.querySelector(".field-error") !== null;
    function apply() {
      var anonymous = doc.querySelector("input[name=privacy]:checked");
      anonymous = anonymous !== null && anonymous.value === "anonymous";
      if (keepVisible) { return; }
      // Disabled fields are not sent: an anonymous report never carries what was typed here.
      group.disabled = anonymous;
      group.hidden = anonymous;
      if (note) { note.hidden = !anonymous; }
    }
    Array.prototype.forEach.call(radios, function (radio) {
      radio.addEventListener("change", function () { keepVisible = false; apply(); });
    });
    apply();
  }

  function buttons() {
    Array.prototype.forEach.call(doc.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    if (!navigator.clipboard) { return; }
    Array.prototype.forEach.call(doc.querySelectorAll("[data-copy]"), function (button) {
      var source = doc.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = t("copied");
        });
      });
    });
  }

  ready(function () { counters(); previews(); identity(); buttons(); });
}());
