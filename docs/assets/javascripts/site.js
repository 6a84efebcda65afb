// The site's only script: menu and search toggles, the language link keeping the section, and search
// loaded the first time a reader uses it.
(() => {
  "use strict";
  // Material's stylesheet shows the search button only where a script can run the search.
  document.documentElement.classList.replace("no-js", "js");
  const drawer = document.getElementById("__drawer");
  const searchToggle = document.getElementById("__search");
  const form = document.querySelector(".md-search__form");
  const input = form && form.querySelector(".md-search__input");

  // Switching language keeps the reader on the same section (section ids are shared by both languages).
  for (const link of document.querySelectorAll("a[data-site-language]")) {
    link.addEventListener("click", () => { if (location.hash) link.hash = location.hash; });
  }

  // Escape closes whatever is open and gives the focus back to where it was.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (searchToggle && searchToggle.checked) { searchToggle.checked = false; searchToggle.focus(); }
    else if (drawer && drawer.checked) { drawer.checked = false; drawer.focus(); }
  });

  if (!form || !input) return;
  let search = null;
  // Load the search code and this language's index once, on first use.
  const load = () => {
    if (!search) {
      search = import(new URL(form.dataset.searchScript, location.href)).then((module) => module.start(form, input, searchToggle));
    }
    return search;
  };
  searchToggle.addEventListener("change", () => { if (searchToggle.checked) { input.focus(); load(); } });
  input.addEventListener("focus", () => { searchToggle.checked = true; load(); });
  input.addEventListener("input", load);
})();
