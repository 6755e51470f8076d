// Behaviour every server-rendered page may ask for, without inline script (the Content-Security-Policy allows
// scripts from this site only): forms with data-confirm ask first, buttons with data-print print the page.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (button) window.print();
});
