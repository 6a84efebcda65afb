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

  // The reader's own choice of language, kept in this browser only (no cookie).
  const remember = (language) => { try { localStorage.setItem("site-language", language); } catch { /* private mode */ } };
  const remembered = () => { try { return localStorage.getItem("site-language"); } catch { return null; } };

  // Switching language keeps the reader on the same section (section ids are shared by both languages).
  for (const link of document.querySelectorAll("a[data-site-language]")) {
    link.addEventListener("click", () => {
      remember(link.hreflang);
      if (location.hash) link.hash = location.hash;
    });
  }

  // Offer this page in the language the browser prefers, unless the reader chose this one.
  const offer = document.querySelector("[data-site-offer]");
  if (offer) {
    const here = document.documentElement.lang;
    const wanted = offer.dataset.siteOffer;
    const preferred = (navigator.languages || [navigator.language]).map((tag) => tag.slice(0, 2).toLowerCase())
      .find((language) => language === here || language === wanted);
    const choice = remembered();
    if (choice === wanted || (!choice && preferred === wanted)) offer.hidden = false;
    offer.querySelector("button").addEventListener("click", () => { remember(here); offer.hidden = true; });
  }

  // Glossary terms (hooks/glossary.py): the button after a term shows or hides its definition, below its paragraph.
  for (const button of document.querySelectorAll(".site-term__button")) {
    const definition = document.getElementById(button.getAttribute("aria-controls"));
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      definition.hidden = !open;
    });
  }

  // Opening the menu by keyboard takes the reader into it, rather than through the header first.
  drawer.addEventListener("change", () => {
    const first = drawer.checked && document.querySelector(".md-sidebar--primary a[href]");
    if (first) first.focus();
  });

  // Escape closes whatever is open and gives the focus back to where it was.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (searchToggle && searchToggle.checked) { searchToggle.checked = false; searchToggle.focus(); }
    else if (drawer && drawer.checked) { drawer.checked = false; drawer.focus(); }
  });

  if (!form || !input) return;
  // Links such as the 404 page's "Search the site" open the search box.
  const openSearch = () => { searchToggle.checked = true; input.focus(); };
  for (const link of document.querySelectorAll("a[data-site-open-search]")) {
    link.addEventListener("click", (event) => { event.preventDefault(); openSearch(); });
  }
  let search = null;
  // Load the search code and this language's index once, on first use.
  const load = () => {
    if (!search) {
      search = import(new URL(form.dataset.searchScript, location.href)).then((module) => module.start(form, input, searchToggle));
    }
    return search;
  };
  searchToggle.addEventListener("change", () => { if (searchToggle.checked) { input.focus(); load(); } });
  // Tabbing out of the search closes it, so the focus never goes behind the full-screen search on a phone.
  document.querySelector(".md-search").addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (next && next !== searchToggle && !next.closest(".md-search")) searchToggle.checked = false;
  });
  input.addEventListener("focus", () => { searchToggle.checked = true; load(); });
  input.addEventListener("input", load);
})();
