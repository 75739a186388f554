// The site picker: a search box before every select[data-site-tree] that hides the options
// whose path ("Block A › Unit 12") does not contain the typed text. Runs again on htmx swaps.
(function () {
  "use strict";
  function attach(select) {
    if (select.dataset.siteTreeReady) return;
    select.dataset.siteTreeReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "site-search";
    box.placeholder = select.dataset.searchLabel || "";
    // A title (its accessible name) rather than a label: the select keeps the only label.
    box.title = select.dataset.searchLabel || "";
    box.setAttribute("data-testid", "site-search");
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      var firstMatch = null;
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var path = (option.dataset.path || option.text).toLowerCase();
        var hit = !needle || path.indexOf(needle) !== -1;
        option.hidden = !hit;
        if (hit && !firstMatch) firstMatch = option;
      });
      if (needle && firstMatch && select.selectedOptions[0] && select.selectedOptions[0].hidden) {
        select.value = firstMatch.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    select.parentNode.insertBefore(box, select);
  }
  function scan(root) {
    (root || document).querySelectorAll("select[data-site-tree]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
