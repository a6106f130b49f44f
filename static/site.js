// bankcalc progressive enhancement. The form works fully without this file; it only
// (1) keeps the "way to pay" list in step with the chosen plan, (2) moves focus to the
// error summary so screen-reader users hear what to fix, (3) offers a print button that
// opens the year-by-year table first, (4) opens the offer's fields when "A bank's offer" is
// chosen as the plan.
(function () {
  "use strict";

  function syncOptions(planSelect, optionSelect) {
    var source = document.querySelector(
      'template[data-options-for="' + CSS.escape(planSelect.value) + '"]'
    );
    if (!source) return;
    var previous = optionSelect.value;
    optionSelect.replaceChildren(source.content.cloneNode(true));
    var keep = Array.prototype.some.call(optionSelect.options, function (o) {
      return o.value === previous;
    });
    if (keep) optionSelect.value = previous;
  }

  function openAllDetails() {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var plan = document.querySelector("[data-plan-select]");
    var option = document.querySelector("[data-option-select]");
    if (plan && option) {
      plan.addEventListener("change", function () { syncOptions(plan, option); });
    }
    var offer = document.querySelector("[data-offer]");
    if (plan && offer) {
      plan.addEventListener("change", function () {
        if (plan.value === "offer") offer.open = true;
      });
    }

    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();

    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        openAllDetails();
        window.print();
      });
    });
    window.addEventListener("beforeprint", openAllDetails);
  });
})();
