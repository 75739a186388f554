// Progressive enhancement of the portal forms; every form also works without it.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("report-form");
  if (form) {
    const refresh = form.querySelector("[data-refresh-button]");
    // Choosing a site or a type reloads the form with what that choice allows (typed
    // text is carried over; the CSRF token is left out of the address).
    const reload = () => {
      const query = new URLSearchParams();
      for (const name of ["site", "ticket_type", "title", "description", "visibility"]) {
        const field = form.elements.namedItem(name);
        if (field && field.value) query.set(name, field.value);
      }
      window.location.search = query.toString();
    };
    for (const name of ["site", "ticket_type"]) {
      const select = form.elements.namedItem(name);
      if (select) select.addEventListener("change", reload);
    }
    if (refresh && form.elements.namedItem("ticket_type")) refresh.classList.add("js-hidden");
  }
  for (const box of document.querySelectorAll("[data-autosubmit]")) {
    const button = box.form.querySelector("[data-autosubmit-button]");
    if (button) button.classList.add("js-hidden");
    box.addEventListener("change", () => box.form.requestSubmit());
  }
});
