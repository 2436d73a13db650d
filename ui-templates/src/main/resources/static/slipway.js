// Small progressive enhancement; every page works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // A type picker (<select data-autosubmit="button-id">) submits its form through its own
  // button when changed, so the form re-renders with that extension's fields.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.dataset.autosubmit) {
      return;
    }
    var button = document.getElementById(select.dataset.autosubmit);
    if (button && select.form) {
      if (select.form.requestSubmit) {
        select.form.requestSubmit(button);
      } else {
        button.click();
      }
    }
  });

  // Buttons marked data-confirm ask before submitting; without JavaScript their form leads to a
  // confirmation page instead.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
