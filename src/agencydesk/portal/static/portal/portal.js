// Progressive enhancement of the portal forms; every form also works without it.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("report-form");
  if (form) {
    // htmx re-renders the fields that follow the site and type (see report.html), so the
    // button that does it without JavaScript is not needed.
    const refresh = form.querySelector("[data-refresh-button]");
    if (refresh && window.htmx) refresh.classList.add("js-hidden");
  }
  for (const box of document.querySelectorAll("[data-autosubmit]")) {
    const button = box.form.querySelector("[data-autosubmit-button]");
    if (button) button.classList.add("js-hidden");
    box.addEventListener("change", () => box.form.requestSubmit());
  }
});
