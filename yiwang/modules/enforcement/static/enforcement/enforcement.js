// Enforcement pages: progressive enhancement only; every page works without this file.
// A form is sent once: its submit buttons are disabled while the request runs (the idempotency
// key makes a second submission harmless anyway).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.once").forEach(function (form) {
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) {
          b.disabled = true;
          b.setAttribute("aria-busy", "true");
        });
      }, 0);
    });
  });
  // Show the fields that matter for the chosen party type (单位 or 个人).
  var partyType = document.getElementById("id_party_type");
  var rep = document.querySelector('[data-field="party_legal_representative"]');
  if (partyType && rep) {
    var sync = function () { rep.hidden = partyType.value !== "organization"; };
    partyType.addEventListener("change", sync);
    sync();
  }
});
