/* Declaration forms: show-when conditions, communes that follow the province, one submission per click.
   The server applies the same conditions (eforms/specs.py), so this script only spares the citizen
   questions that do not concern them; without it every field shows and the form still works. */
(function () {
  "use strict";
  var TRUE_WORDS = ["có", "co", "true", "1", "on", "yes", "x", "đã chọn", "chọn"];
  var FALSE_WORDS = ["không", "khong", "false", "0", "no", "off", "chưa chọn"];

  function fold(text) {
    return String(text).normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
  }

  function valuesOf(form, name) {
    var out = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
      if (el.disabled) return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) out.push(el.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { out.push(o.value); });
      } else if (el.value.trim()) {
        out.push(el.value);
      }
    });
    return out;
  }

  function matches(raw, expected, type) {
    var wanted = expected.split("|").map(fold).filter(Boolean);
    if (type === "checkbox") {
      var checked = raw.length > 0 && FALSE_WORDS.indexOf(fold(raw[0])) < 0;
      var wantsTrue = wanted.some(function (w) { return TRUE_WORDS.indexOf(w) >= 0; });
      var wantsFalse = wanted.some(function (w) { return FALSE_WORDS.indexOf(w) >= 0; });
      return (checked && wantsTrue) || (!checked && wantsFalse);
    }
    return raw.some(function (v) { return wanted.indexOf(fold(v)) >= 0; });
  }

  function holds(form, el) {
    var name = el.getAttribute("data-when-field");
    if (!name) return true;
    var source = form.querySelector('[data-field="' + name + '"]');
    if (!source || source.hidden) return false;
    var section = source.closest("fieldset");
    if (section && section.hidden) return false;
    return matches(valuesOf(form, name), el.getAttribute("data-when-value") || "", el.getAttribute("data-when-type") || "");
  }

  function setShown(el, shown) {
    el.hidden = !shown;
    // Hidden inputs are not sent, and count as empty for the conditions after them.
    el.querySelectorAll("input, select, textarea").forEach(function (input) { input.disabled = !shown; });
  }

  function apply(form) {
    // Document order: a field hidden above counts as empty for the fields below it.
    form.querySelectorAll("fieldset.form-section, .form-field").forEach(function (el) {
      if (el.tagName === "FIELDSET") {
        setShown(el, holds(form, el));
        return;
      }
      var section = el.closest("fieldset");
      setShown(el, !(section && section.hidden) && holds(form, el));
    });
  }

  function followProvince(form, select) {
    var wrapper = select.closest(".form-field");
    var communes = wrapper && wrapper.querySelector('[data-address="commune"]');
    var url = form.getAttribute("data-units-url");
    if (!communes || !url) return;
    communes.length = 1; // keep “— Chọn xã, phường —”
    if (!select.value) return;
    fetch(url.replace("PROVINCE", encodeURIComponent(select.value)), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { communes: [] }; })
      .then(function (data) {
        data.communes.forEach(function (c) { communes.add(new Option(c.name, c.code)); });
      });
  }

  function setUp(form) {
    apply(form);
    form.addEventListener("change", function (event) {
      if (event.target.matches('[data-address="province"]')) followProvince(form, event.target);
      apply(form);
    });
    form.addEventListener("input", function () { apply(form); });
    form.addEventListener("submit", function () {
      var button = form.querySelector("[data-submit]");
      if (button) {
        // The server turns a resent form into the same dossier; this only stops the second click early.
        window.setTimeout(function () { button.disabled = true; button.textContent = "Đang gửi hồ sơ…"; }, 0);
      }
    });
    var errors = document.getElementById("form-errors");
    if (errors) errors.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-declaration-form]").forEach(setUp);
  });
})();
