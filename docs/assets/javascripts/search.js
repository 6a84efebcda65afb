// Search in the reader's language: accents and case ignored, light stemming, patients' words mapped to
// the pages' words (synonyms from the build), each page's keywords, and words spelled as heard matched to
// the nearest word of the pages; results are pages, best first.

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
// A word found only after correcting its spelling counts half as much as a word found as typed.
const CORRECTED_WEIGHT = 0.5;
// Letters, with accents written apart (decomposed) kept inside the word; anything else separates words.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

// Wire the search box to the index of this language; called once, on first use.
export async function start(form, input, toggle) {
  const list = form.parentElement.querySelector(".md-search-result__list");
  const meta = form.parentElement.querySelector(".md-search-result__meta");
  const indexUrl = new URL(form.dataset.searchIndex, location.href);
  const response = await fetch(indexUrl);
  const index = prepare(await response.json(), new URL("../", indexUrl));
  prepareSpellingWhenIdle(index);
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

// A word without capitals or accents, its ligatures spelled out.
function fold(written) {
  return written.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(/\p{M}/gu, "");
}

// A light stemmer: plural and common endings off, the same for the index and the query.
export function stem(word, language) {
  const endings = language === "fr"
    ? /(issements?|ements?|ations?|ateurs?|atrices?|iques?|ismes?|istes?|euses?|eurs?|ives?|ifs?|ees?|es|s|x|e)$/
    : /(ational|ations?|ments?|ness|ings?|edly|ied|ies|ed|es|ly|s|e|y)$/;
  const stemmed = word.replace(endings, "");
  return stemmed.length >= 3 ? stemmed : word;
}

// Turn the raw index into stemmed sections, the synonyms into stemmed phrases, and list the pages' words.
function prepare(raw, base) {
  const language = raw.lang;
  const vocabulary = new Map(); // a word, accents off → { word, stem, written, capitalised, count }
  const seen = new Map(); // a word as written → its entry in the vocabulary, or null for a stop word
  // Each written form is folded and stemmed once: a large site repeats the same words thousands of times.
  const terms = (text) => {
    const found = [];
    for (const [written] of text.matchAll(WORD)) {
      let entry = seen.get(written);
      if (entry === undefined) {
        entry = vocabularyEntry(vocabulary, written, language);
        seen.set(written, entry);
      }
      if (entry) {
        entry.count += 1;
        found.push(entry.stem);
      }
    }
    return found;
  };
  // Each stem of a text → how many times it occurs there.
  const counts = (text) => {
    const found = new Map();
    for (const term of terms(text)) found.set(term, (found.get(term) || 0) + 1);
    return found;
  };
  const sections = [];
  for (const page of raw.pages) {
    const pageTerms = counts(`${page.title} ${(page.keywords || []).join(" ")}`);
    for (const section of page.sections) {
      sections.push({
        page, section, url: new URL(page.url + (section.anchor ? `#${section.anchor}` : ""), base).href,
        pageTerms, title: counts(section.title), text: counts(section.text),
      });
    }
  }
  const synonyms = Object.entries(raw.synonyms).map(([words_, targets]) => ({
    phrase: terms(words_), targets: targets.map(terms),
  }));
  const words = [...vocabulary.values()];
  const stems = [...new Set(words.map((entry) => entry.stem))].sort();
  return { language, sections, synonyms, stems, words, spelling: [], corrections: new Map() };
}

// The vocabulary's entry for a word as written (made on first sight), or null for a stop word or a letter.
function vocabularyEntry(vocabulary, written, language) {
  const word = fold(written);
  if (word.length < 2 || STOPWORDS.has(word)) return null;
  const lower = written.toLowerCase();
  let entry = vocabulary.get(word);
  if (!entry) {
    entry = { word, stem: stem(word, language), written: lower === written ? written : null, capitalised: written, count: 0 };
    vocabulary.set(word, entry);
  } else if (!entry.written && lower === written) {
    entry.written = written; // shown as the pages write it in a sentence, not at the start of one
  }
  return entry;
}

// Score every section against the query; a page's score is its best section's. Words that match no word
// of the pages, even as the start of one, are replaced by the nearest word of the pages, if one is near.
function query(index, text) {
  const asked = [];
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    if (word.length > 1 && !STOPWORDS.has(word)) asked.push({ match, word, stem: stem(word, index.language) });
  }
  if (!asked.length) return null;
  const corrected = asked.map((term) => (known(index, term.stem).length ? null : correction(index, term)));
  const stems = asked.map((term, position) => (corrected[position] ? corrected[position].stem : term.stem));
  const groups = stems.map((term, position) => ({
    phrase: [term], typed: true, weight: corrected[position] ? CORRECTED_WEIGHT : 1,
  }));
  for (const { phrase, targets } of index.synonyms) {
    const start = phrase.length ? find(stems, phrase) : -1;
    if (start < 0) continue;
    // A patient's phrase mapped to the pages' words says what was meant: it weighs more.
    const weight = corrected.slice(start, start + phrase.length).some(Boolean) ? 2 * CORRECTED_WEIGHT : 2;
    groups.push(...targets.map((target) => ({ phrase: target, typed: false, weight })));
  }
  // Each term as the stems of the pages it matches; a phrase with a term that matches none scores nothing.
  const matching = groups.map((group) => ({ ...group, phrase: group.phrase.map((term) => known(index, term)) }))
    .filter((group) => group.phrase.length && group.phrase.every((stems) => stems.length))
    .map((group) => ({ ...group, phrase: group.phrase.map((stems) => ({ list: stems, set: new Set(stems) })) }));
  const best = new Map();
  for (const entry of matching.length ? index.sections : []) {
    const value = score(entry, matching);
    if (value <= 0) continue;
    const current = best.get(entry.page);
    if (!current || value > current.score) best.set(entry.page, { entry, score: value });
  }
  const results = [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS).map((hit) => hit.entry);
  return { results, suggestion: results.length && corrected.some(Boolean) ? suggestion(text, asked, corrected) : null };
}

// Matches weigh more in titles and keywords.
function score(entry, groups) {
  let total = 0;
  let matched = 0;
  for (const { phrase, typed, weight } of groups) {
    const inTitle = phrase.every((stems) => occurrences(entry.title, stems) > 0);
    const inPage = phrase.every((stems) => occurrences(entry.pageTerms, stems) > 0);
    const count = Math.min(...phrase.map((stems) => occurrences(entry.text, stems)));
    const value = weight * ((inTitle ? 8 : 0) + (inPage ? 6 : 0) + Math.min(count, 4));
    if (value > 0) {
      total += value;
      if (typed) matched += 1;
    }
  }
  return total * (1 + matched);
}

// How many of a text's words are among a term's stems, looking through the shorter of the two lists: a term of
// three letters may start hundreds of the pages' words.
function occurrences(counts, stems) {
  let sum = 0;
  if (stems.list.length <= counts.size) {
    for (const term of stems.list) sum += counts.get(term) || 0;
  } else {
    for (const [term, count] of counts) if (stems.set.has(term)) sum += count;
  }
  return sum;
}

// Where the needle starts in the haystack, or -1.
const find = (haystack, needle) =>
  haystack.findIndex((_, start) => needle.every((term, offset) => haystack[start + offset] === term));

// The stems of the pages (and of the synonyms) that a term matches: itself, and those it starts if it has three
// letters or more. The stems are sorted: those it starts follow it.
function known(index, term) {
  const { stems } = index;
  let low = 0;
  let high = stems.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (stems[middle] < term) low = middle + 1; else high = middle;
  }
  const found = [];
  for (let at = low; at < stems.length && (stems[at] === term || (term.length >= 3 && stems[at].startsWith(term))); at += 1) {
    found.push(stems[at]);
  }
  return found;
}

// The text typed, each corrected word replaced by the pages' spelling of the word it was matched to.
function suggestion(text, asked, corrected) {
  let shown = "";
  let from = 0;
  asked.forEach(({ match }, position) => {
    if (!corrected[position]) return;
    shown += text.slice(from, match.index) + (corrected[position].written || corrected[position].capitalised);
    from = match.index + match[0].length;
  });
  return (shown + text.slice(from)).trim();
}

// Spelling: the allowed number of edits for a word of this length (letters added, dropped, replaced or two
// neighbours swapped): none under 4 letters, where a single edit reaches too many other words.
const allowedEdits = (length) => (length < 4 ? 0 : length <= 7 ? 1 : 2);

// The pages' word nearest to a typed word that matches nothing: fewest edits to its spelling, to its sound
// (spelled by simple rules of the language) or to its stem; among equals, the nearest spelling, then the word
// the pages use most. Each typed word is looked up once: the next keystrokes ask again for the words before.
function correction(index, term) {
  const cached = index.corrections.get(term.word);
  if (cached !== undefined) return cached;
  const limit = allowedEdits(term.word.length);
  const stemLimit = allowedEdits(term.stem.length);
  let best = null;
  let bestRank = null;
  if (limit) {
    prepareSpelling(index, index.words.length);
    const typed = forms(term.word, term.stem, index.language);
    for (const candidate of index.spelling) {
      const spelled = near(typed.word, candidate.word, limit);
      const edits = Math.min(spelled, near(typed.sound, candidate.sound, limit), near(typed.stem, candidate.stem, stemLimit));
      if (edits === Infinity) continue;
      const rank = [edits, spelled, -candidate.entry.count];
      if (!best || comesFirst(rank, bestRank)) {
        best = candidate.entry;
        bestRank = rank;
      }
    }
  }
  index.corrections.set(term.word, best);
  return best;
}

// Whether one list of numbers comes before another, compared number by number.
function comesFirst(first, second) {
  const position = first.findIndex((value, at) => value !== second[at]);
  return position >= 0 && first[position] < second[position];
}

// The pages' words with their sounds and the letters of each form, for corrections, up to the given number.
function prepareSpelling(index, upTo) {
  const { words, spelling, language } = index;
  while (spelling.length < upTo) {
    const entry = words[spelling.length];
    spelling.push({ entry, ...forms(entry.word, entry.stem, language) });
  }
}

// The same, a slice at a time while the reader is not typing: a site of a thousand pages has tens of thousands of
// words, too many to go through at one keystroke on a phone. A correction asked for before the end finishes it.
function prepareSpellingWhenIdle(index) {
  const whenIdle = window.requestIdleCallback || ((work) => setTimeout(() => work({ timeRemaining: () => 10 })));
  const some = (deadline) => {
    while (index.spelling.length < index.words.length && deadline.timeRemaining() > 1) {
      prepareSpelling(index, Math.min(index.spelling.length + 100, index.words.length));
    }
    if (index.spelling.length < index.words.length) whenIdle(some);
  };
  whenIdle(some);
}

// A word, its sound and its stem, each with the set of its letters (bits of a number) for a quick rejection.
function forms(word, stemmed, language) {
  const sound = soundOf(word, language);
  return { word: [word, letters(word)], sound: [sound, letters(sound)], stem: [stemmed, letters(stemmed)] };
}

// The word as it sounds, roughly: letters that sound alike in the language written alike, doubled letters
// single ("photo" and "foto", "anesthésique" and "anesthesik", "haematoma" and "hematoma").
function soundOf(word, language) {
  let sound = language === "fr"
    ? word.replace(/eau|au/g, "o").replace(/([^cspt]|^)h/g, "$1").replace(/qu/g, "k")
    : word.replace(/ae|oe/g, "e");
  sound = sound.replace(/ph/g, "f").replace(/th/g, "t").replace(/s?c(?=[eiy])/g, "s").replace(/ck|c(?!h)|q/g, "k")
    .replace(/y/g, "i").replace(/z/g, "s");
  return sound.replace(/(.)\1+/g, "$1");
}

// The letters of a word as bits of a number: one edit changes at most two of them.
function letters(text) {
  let set = 0;
  for (let position = 0; position < text.length; position += 1) set |= 1 << (text.charCodeAt(position) % 31);
  return set;
}

// The number of edits from a to b (letters added, dropped, replaced, neighbours swapped), or Infinity as soon
// as it is sure to be more than limit.
function near([a, aLetters], [b, bLetters], limit) {
  if (!limit || Math.abs(a.length - b.length) > limit || bitCount(aLetters ^ bLetters) > 2 * limit) return Infinity;
  let twoRowsUp = null;
  let previous = Array.from({ length: b.length + 1 }, (_, column) => column);
  for (let row = 1; row <= a.length; row += 1) {
    const current = [row];
    let rowBest = row;
    for (let column = 1; column <= b.length; column += 1) {
      let edits = Math.min(previous[column] + 1, current[column - 1] + 1,
        previous[column - 1] + (a[row - 1] === b[column - 1] ? 0 : 1));
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        edits = Math.min(edits, twoRowsUp[column - 2] + 1);
      }
      current.push(edits);
      rowBest = Math.min(rowBest, edits);
    }
    if (rowBest > limit) return Infinity;
    twoRowsUp = previous;
    previous = current;
  }
  return previous[b.length] <= limit ? previous[b.length] : Infinity;
}

// How many letters two words do not share, from their letters as bits.
function bitCount(bits) {
  let count = 0;
  for (let rest = bits >>> 0; rest; rest &= rest - 1) count += 1;
  return count;
}

// Show the results as Material's search list: page title, section title and the start of its text; above
// them, in the status region read out to screen readers, the corrected query the results are for.
function render(found, list, meta, strings) {
  list.replaceChildren();
  if (found === null) {
    meta.textContent = strings.placeholder;
    return;
  }
  const { results, suggestion: corrected } = found;
  meta.textContent = results.length === 0 ? strings.none
    : results.length === 1 ? strings.one : strings.other.replace("#", results.length);
  if (corrected) meta.prepend(element("div", "site-search-correction", strings.correction.split("#").join(corrected)));
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
