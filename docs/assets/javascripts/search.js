// Search in the reader's language: accents and case ignored, light stemming, patients' words mapped to
// the pages' words (synonyms from the build), each page's keywords; results are pages, best first.

const STOPWORDS = new Set((
  "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon " +
  "ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre " +
  "vous est sont ai as avoir etre fait faire peut peux quel quelle quels quelles comment pourquoi quand " +
  "combien apres avant chez cette cet ca ici y " +
  "an and are as at be by can could do does for from had has have how i if in into is it its me my no not " +
  "of on or our should so than that the their them then there these they this to was we what when where " +
  "which while who why will with would you your after before get"
).split(" "));

const MAX_RESULTS = 10;

// Wire the search box to the index of this language; called once, on first use.
export async function start(form, input, toggle) {
  const list = form.parentElement.querySelector(".md-search-result__list");
  const meta = form.parentElement.querySelector(".md-search-result__meta");
  const indexUrl = new URL(form.dataset.searchIndex, location.href);
  const response = await fetch(indexUrl);
  const index = prepare(await response.json(), new URL("../", indexUrl));
  const run = () => render(query(index, input.value), list, meta, form.dataset);
  input.addEventListener("input", run);
  form.addEventListener("reset", () => setTimeout(run));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  list.addEventListener("click", () => { toggle.checked = false; });
  run();
}

// Lowercase, accents off, ligatures spelled out, split into words of two letters or more.
export function words(text) {
  return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD")
    .replace(/\p{M}/gu, "").split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1);
}

// A light stemmer: plural and common endings off, the same for the index and the query.
export function stem(word, language) {
  const endings = language === "fr"
    ? /(issements?|ements?|ations?|ateurs?|atrices?|iques?|ismes?|istes?|euses?|eurs?|ives?|ifs?|ees?|es|s|x|e)$/
    : /(ational|ations?|ments?|ness|ings?|edly|ied|ies|ed|es|ly|s|e|y)$/;
  const stemmed = word.replace(endings, "");
  return stemmed.length >= 3 ? stemmed : word;
}

// Turn the raw index into stemmed sections, and the synonyms into stemmed phrases.
function prepare(raw, base) {
  const language = raw.lang;
  const terms = (text) => words(text).filter((w) => !STOPWORDS.has(w)).map((w) => stem(w, language));
  const sections = [];
  for (const page of raw.pages) {
    const pageTerms = new Set(terms(`${page.title} ${(page.keywords || []).join(" ")}`));
    for (const section of page.sections) {
      sections.push({
        page, section, url: new URL(page.url + (section.anchor ? `#${section.anchor}` : ""), base).href,
        pageTerms, title: new Set(terms(section.title)), text: terms(section.text),
      });
    }
  }
  const synonyms = Object.entries(raw.synonyms).map(([words_, targets]) => ({
    phrase: terms(words_), targets: targets.map(terms),
  }));
  return { language, sections, synonyms, terms };
}

// Score every section against the query; a page's score is its best section's.
function query(index, text) {
  const asked = index.terms(text);
  if (!asked.length) return null;
  const extra = [];
  for (const { phrase, targets } of index.synonyms) {
    if (phrase.length && contains(asked, phrase)) extra.push(...targets);
  }
  const groups = [...asked.map((term) => [term]), ...extra];
  const scored = index.sections.map((entry) => ({ entry, score: score(entry, groups, asked.length) }));
  const best = new Map();
  for (const { entry, score: value } of scored) {
    if (value <= 0) continue;
    const current = best.get(entry.page);
    if (!current || value > current.score) best.set(entry.page, { entry, score: value });
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS).map((hit) => hit.entry);
}

// Matches weigh more in titles and keywords; synonym phrases count as strongly as the words typed.
function score(entry, groups, typed) {
  let total = 0;
  let matched = 0;
  groups.forEach((phrase, position) => {
    // A patient's phrase mapped to the pages' words says what was meant: it weighs more.
    const weight = position < typed ? 1 : 2;
    const inTitle = phrase.every((term) => has(entry.title, term));
    const inPage = phrase.every((term) => has(entry.pageTerms, term));
    const count = Math.min(...phrase.map((term) => entry.text.filter((word) => matches(word, term)).length));
    const value = weight * ((inTitle ? 8 : 0) + (inPage ? 6 : 0) + Math.min(count, 4));
    if (value > 0) {
      total += value;
      if (position < typed) matched += 1;
    }
  });
  return total * (1 + matched);
}

const matches = (word, term) => word === term || (term.length >= 3 && word.startsWith(term));
const has = (set, term) => [...set].some((word) => matches(word, term));
const contains = (haystack, needle) =>
  haystack.some((_, start) => needle.every((term, offset) => haystack[start + offset] === term));

// Show the results as Material's search list: page title, section title and the start of its text.
function render(results, list, meta, strings) {
  list.replaceChildren();
  if (results === null) {
    meta.textContent = strings.placeholder;
    return;
  }
  meta.textContent = results.length === 0 ? strings.none
    : results.length === 1 ? strings.one : strings.other.replace("#", results.length);
  for (const { page, section, url } of results) {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = url;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("h2", "", page.title));
    if (section.title && section.title !== page.title) article.append(element("h3", "", section.title));
    article.append(element("p", "", section.text.slice(0, 160) + (section.text.length > 160 ? "…" : "")));
    link.append(article);
    item.append(link);
    list.append(item);
  }
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
