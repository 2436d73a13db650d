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

  // The live log of a running deployment (its <pre> carries data-stream): appends lines as the
  // server streams them and reloads once the deployment ends.
  document.addEventListener("DOMContentLoaded", function () {
    var pre = document.getElementById("deployment-log");
    if (!pre || !pre.dataset.stream || !window.EventSource) {
      return;
    }
    var source = new EventSource(pre.dataset.stream);
    var badge = document.getElementById("phase-badge");
    source.addEventListener("line", function (e) {
      var atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
      pre.appendChild(document.createTextNode(e.data + "\n"));
      var m = /^\S+ \[([A-Z_]+)\]/.exec(e.data);
      if (m && badge) {
        badge.textContent = m[1].replace(/_/g, " ").toLowerCase();
      }
      if (atBottom) {
        pre.scrollTop = pre.scrollHeight;
      }
    });
    source.addEventListener("end", function () {
      source.close();
      window.location.reload();
    });
  });
})();
