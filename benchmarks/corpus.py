"""A synthetic bilingual site for timing the build: sections of about twenty pages in French and English,
written like the real pages (front matter, headings with shared ids, lists, admonitions, links, a
glossary, a FAQ and a Sources page), and the two configurations that build it: the project's own, with
all its hooks, and stock Material + static-i18n.

    python benchmarks/corpus.py DESTINATION [--pages 100]
"""
from __future__ import annotations

import argparse
import datetime
import random
import shutil
import sys
from pathlib import Path

import yaml
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from lib.bibliography import SOURCES_FILE  # noqa: E402 - the hooks' own names for what they look for
from lib.page_roles import FAQ, GLOSSARY  # noqa: E402
from sources import MARKER, SOURCES_PAGE  # noqa: E402
from lib.translation_status import read_pages, stamp  # noqa: E402

STOCK_CONFIG = Path(__file__).resolve().parent / "stock.yml"
PAGES_PER_SECTION = 20
LANGUAGES = ("fr", "en")
SOURCE_KEYS = list(yaml.safe_load((ROOT / SOURCES_FILE).read_text(encoding="utf-8")))

# What a page is about: a body region, a kind of page, an aspect; each in French and English.
REGIONS = [
    ("genou", "du genou", "knee"), ("epaule", "de l'épaule", "shoulder"), ("dos", "du dos", "back"),
    ("nuque", "de la nuque", "neck"), ("coude", "du coude", "elbow"), ("poignet", "du poignet", "wrist"),
    ("hanche", "de la hanche", "hip"), ("cheville", "de la cheville", "ankle"), ("talon", "du talon", "heel"),
    ("main", "de la main", "hand"), ("machoire", "de la mâchoire", "jaw"), ("pied", "du pied", "foot"),
]
KINDS = [
    ("douleurs", "Douleurs {region}", "{region} pain"),
    ("seances", "Séances pour les douleurs {region}", "Visits for {region} pain"),
    ("suivi", "Suivi des douleurs {region}", "Follow-up of {region} pain"),
    ("sport", "Sport et douleurs {region}", "Sport and {region} pain"),
    ("questions", "Questions sur les douleurs {region}", "Questions about {region} pain"),
]
ASPECTS = [
    ("premiere-consultation", "la première consultation", "the first visit"),
    ("deroulement", "le déroulement d'une séance", "how a session goes"),
    ("frequence", "le rythme des séances", "how often sessions take place"),
    ("apres", "les jours qui suivent", "the days after"),
    ("effets", "les effets indésirables", "side effects"),
    ("contre-indications", "les contre-indications", "reasons not to have it"),
    ("produits", "les produits utilisés", "the products used"),
    ("profondeur", "la profondeur des injections", "how deep the injections go"),
    ("reprise", "la reprise des activités", "getting back to activities"),
    ("chronique", "la douleur qui dure", "pain that lasts"),
    ("aigue", "la douleur récente", "recent pain"),
    ("preparation", "la préparation", "getting ready"),
    ("duree", "la durée d'une séance", "how long a session lasts"),
    ("nombre", "le nombre de séances", "the number of sessions"),
    ("resultats", "les résultats rapportés", "reported results"),
    ("alternatives", "les autres traitements", "other treatments"),
    ("grossesse", "la grossesse", "pregnancy"),
    ("medicaments", "les médicaments pris", "medicines you take"),
    ("questions", "les questions à poser", "questions to ask"),
]
# Sentences in both languages; {region} and {aspect} take the page's words.
SENTENCES = [
    ("Votre médecin vous explique {aspect} avant de commencer.", "Your doctor explains {aspect} before starting."),
    ("Chaque personne réagit à sa façon.", "Each person reacts in their own way."),
    ("Les praticiens rapportent des effets variables selon les cas.", "Practitioners report results that vary from case to case."),
    ("Parlez de vos traitements en cours lors du premier rendez-vous.", "Mention the medicines you take at the first visit."),
    ("Une douleur {region} peut avoir plusieurs causes.", "Pain in the {region} can have several causes."),
    ("Le médecin examine la zone avant toute injection.", "The doctor examines the area before any injection."),
    ("Les piqûres sont petites et peu profondes.", "The injections are small and shallow."),
    ("Une rougeur passagère est fréquente après la séance.", "Short-lived redness is common after the session."),
    ("Prévenez votre médecin si la douleur augmente.", "Tell your doctor if the pain gets worse."),
    ("Cette page ne remplace pas une consultation.", "This page does not replace a consultation."),
    ("Les sources de cette page sont listées en bas.", "The sources of this page are listed at the bottom."),
    ("Le rythme dépend de la douleur et de son ancienneté.", "The rhythm depends on the pain and how long it has lasted."),
    ("Gardez une activité douce si votre médecin l'accepte.", "Keep a gentle activity if your doctor agrees."),
    ("Posez vos questions sur {aspect} sans hésiter.", "Feel free to ask about {aspect}."),
]
ADMONITIONS = [("note", "Bon à savoir", "Good to know"), ("warning", "Attention", "Be careful"), ("tip", "Conseil", "Tip")]
# The glossary: anchor, then the term and its definition in each language; the pages use these words.
TERMS = [
    ("injection", "Injection (piqûre)", "Geste qui fait entrer un produit dans la peau avec une aiguille fine.",
     "Injection", "A way to put a product into the skin with a thin needle."),
    ("rougeur", "Rougeur", "Peau plus rouge que d'habitude. Elle dure souvent peu de temps.",
     "Redness", "Skin that looks redder than usual. It often lasts a short time."),
    ("seance", "Séance", "Un rendez-vous de soin chez le médecin.", "Session", "One care visit at the doctor's."),
    ("praticien", "Praticien", "Le médecin qui fait le soin.", "Practitioner", "The doctor who gives the care."),
    ("consultation", "Consultation", "Un rendez-vous pour parler de votre santé avec un médecin.",
     "Consultation", "A visit to talk about your health with a doctor."),
    ("contre-indication", "Contre-indication", "Une raison de ne pas faire un soin.",
     "Contraindication", "A reason not to have a treatment."),
]
FAQ_ENTRIES = [
    ("mal", "Est-ce que ça fait mal ?", "Does it hurt?"),
    ("combien", "Combien de séances faut-il ?", "How many sessions are needed?"),
    ("qui", "Qui fait les piqûres ?", "Who gives the injections?"),
    ("sport", "Puis-je faire du sport après ?", "Can I do sport after?"),
]


# Write the corpus and both configurations into a new folder; English pages are stamped as translations
# of the current French text with the project's own tool (make translations STAMP=…).
def generate(destination: Path, pages_per_language: int) -> Path:
    destination.mkdir(parents=True, exist_ok=False)
    for entry in ROOT.iterdir():  # what mkdocs.yml and the hooks read beside it: hooks/, overrides/, data/ …
        if entry.name not in ("docs", "mkdocs.yml") and not entry.name.startswith((".", "site")):
            (destination / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    shutil.copytree(ROOT / "docs/assets", destination / "docs/assets")
    sections = _sections(pages_per_language - 1 - 3)  # the home page and the three pages with a role apart
    for language in LANGUAGES:
        docs = destination / "docs" / language
        write(docs / "index.md", _home(sections, language))
        write(docs / GLOSSARY, _glossary(language))
        write(docs / FAQ, _faq(language))
        write(docs / SOURCES_PAGE, _sources_page(language))
        for section in sections:
            for position, page in enumerate(section["pages"]):
                rng = random.Random(f"{section['slug']}/{page['slug']}")  # the same choices in both languages
                write(docs / section["slug"] / f"{page['slug']}.md", _page(section, position, sections, language, rng))
    # The project's configuration, unchanged but for the navigation, which comes from the folders.
    write(destination / "mkdocs.yml", yaml.safe_dump({"INHERIT": str(ROOT / "mkdocs.yml"), "nav": None}))
    shutil.copy(STOCK_CONFIG, destination / "mkdocs-stock.yml")
    pages = read_pages(load_config(str(destination / "mkdocs.yml")))
    for name in pages:
        stamp(pages, name)
    return destination


# The front matter of every page, in one place: what the site's hooks require of a page.
def front_matter(title: str, description: str, keys: list[str]) -> dict:
    updated = datetime.date.today() - datetime.timedelta(days=30)
    return {
        "title": title,
        "description": _fit(description, 50, 160),
        "updated": updated,
        "next_review": updated + datetime.timedelta(days=365),
        "sources": keys,
    }


# Sections of about twenty pages; each section's first page is its index page.
def _sections(pages: int) -> list[dict]:
    count = max(1, round(pages / PAGES_PER_SECTION))
    sections = []
    for number in range(count):
        region = REGIONS[number % len(REGIONS)]
        kind = KINDS[number // len(REGIONS) % len(KINDS)]
        series = number // (len(REGIONS) * len(KINDS)) + 1  # past sixty sections, the names come round again
        slug = f"{kind[0]}-{region[0]}" + (f"-{series}" if series > 1 else "")
        sections.append({"slug": slug, "region": region, "kind": kind, "series": series, "pages": []})
    for number in range(pages):  # spread as evenly as possible
        section = sections[number * count // pages]
        position = len(section["pages"])
        aspect = ASPECTS[(position - 1) % len(ASPECTS)]
        section["pages"].append({"slug": "index" if position == 0 else f"{aspect[0]}-{position}", "aspect": aspect})
    return [section for section in sections if section["pages"]]


# The home page: one link per section and to the pages with a role.
def _home(sections: list[dict], language: str) -> str:
    title = "Accueil" if language == "fr" else "Home"
    intro = ("Ce site parle des soins de la douleur. Choisissez une partie du corps."
             if language == "fr" else "This site is about care for pain. Pick a part of the body.")
    links = [f"- [{_section_title(section, language)}]({section['slug']}/index.md)" for section in sections]
    links += [f"- [{_title(name, language)}]({name})" for name in (GLOSSARY, FAQ, SOURCES_PAGE)]
    body = f"# {title}\n\n{intro}\n\n" + "\n".join(links) + "\n"
    return _document(front_matter(title, f"{intro} {intro}", SOURCE_KEYS[:2]), body)


# One page: title, introduction, three to five parts with lists, an admonition and links.
def _page(section: dict, position: int, sections: list[dict], language: str, rng: random.Random) -> str:
    words = _words(section, section["pages"][position], language)
    title = _section_title(section, language) if position == 0 else words["title"]
    body = [f"# {title}", _text(rng, language, words, 4)]
    if position == 0:
        body.append("\n".join(f"- [{_words(section, page, language)['title']}]({page['slug']}.md)"
                              for page in section["pages"][1:]))
    for number in range(rng.randint(3, 5)):
        heading = _text(rng, language, words, 1).rstrip(".")
        body.append(f"## {heading} {{#partie-{number + 1}}}")
        body.append(_text(rng, language, words, rng.randint(3, 6)))
        body.append("\n".join(f"- {_text(rng, language, words, 1)}" for _ in range(rng.randint(2, 5))))
    kind, label_fr, label_en = rng.choice(ADMONITIONS)
    body.append(f'!!! {kind} "{label_fr if language == "fr" else label_en}"\n\n    {_text(rng, language, words, 2)}')
    body.append(_links(section, position, sections, language, rng))
    meta = front_matter(title, _text(rng, language, words, 2), rng.sample(SOURCE_KEYS, k=2))
    return _document(meta, "\n\n".join(body) + "\n")


# Links to the neighbouring pages of the section, to another section and to the glossary.
def _links(section: dict, position: int, sections: list[dict], language: str, rng: random.Random) -> str:
    pages = section["pages"]
    lines = []
    for neighbour in sorted({(position + 1) % len(pages), (position - 1) % len(pages)} - {position}):
        page = pages[neighbour]
        lines.append(f"- [{_words(section, page, language)['title']}]({page['slug']}.md#partie-1)")
    other = rng.choice(sections)
    lines.append(f"- [{_section_title(other, language)}](../{other['slug']}/index.md)")
    lines.append(f"- [{_title(GLOSSARY, language)}](../{GLOSSARY}#{rng.choice(TERMS)[0]})")
    heading = "Pour aller plus loin" if language == "fr" else "Read next"
    return f"## {heading} {{#pour-aller-plus-loin}}\n\n" + "\n".join(lines)


# The glossary: one `## Term {#anchor}` entry per term, as the glossary hook reads it.
def _glossary(language: str) -> str:
    title = _title(GLOSSARY, language)
    intro = ("Ce glossaire explique les mots de ce site avec des mots simples."
             if language == "fr" else "This glossary explains the words of this site in plain words.")
    entries = [f"## {term[1] if language == 'fr' else term[3]} {{#{term[0]}}}\n\n{term[2] if language == 'fr' else term[4]}"
               for term in TERMS]
    body = f"# {title}\n\n{intro}\n\n" + "\n\n".join(entries) + "\n"
    return _document(front_matter(title, f"{intro} {intro}", SOURCE_KEYS[:1]), body)


# The FAQ: questions as level-2 headings, each followed by its answer.
def _faq(language: str) -> str:
    title = _title(FAQ, language)
    answer = ("Cela dépend de chaque personne. Parlez-en à votre médecin."
              if language == "fr" else "It depends on each person. Ask your doctor about it.")
    entries = [f"## {question[1] if language == 'fr' else question[2]} {{#{question[0]}}}\n\n{answer}"
               for question in FAQ_ENTRIES]
    body = f"# {title}\n\n{answer}\n\n" + "\n\n".join(entries) + "\n"
    return _document(front_matter(title, f"{answer} {answer}", SOURCE_KEYS[:2]), body)


# The Sources page, where the sources hook writes the bibliography.
def _sources_page(language: str) -> str:
    title = _title(SOURCES_PAGE, language)
    intro = ("Voici les sources de ce site. Chaque page dit lesquelles elle utilise."
             if language == "fr" else "Here are the sources of this site. Each page says which ones it uses.")
    body = f"# {title}\n\n{intro}\n\n{MARKER}\n"
    return _document(front_matter(title, f"{intro} {intro}", SOURCE_KEYS[:1]), body)


# A few sentences in the page's language, about its region and aspect.
def _text(rng: random.Random, language: str, words: dict, count: int) -> str:
    return " ".join(rng.choice(SENTENCES)[language == "en"].format(**words) for _ in range(count))


# The page's words in its language.
def _words(section: dict, page: dict, language: str) -> dict:
    _, region_fr, region_en = section["region"]
    _, aspect_fr, aspect_en = page["aspect"]
    if language == "fr":
        return {"region": region_fr, "aspect": aspect_fr, "title": f"{_section_title(section, 'fr')} : {aspect_fr}"}
    return {"region": region_en, "aspect": aspect_en, "title": f"{_section_title(section, 'en')}: {aspect_en}"}


def _section_title(section: dict, language: str) -> str:
    _, region_fr, region_en = section["region"]
    title = section["kind"][1].format(region=region_fr) if language == "fr" else section["kind"][2].format(region=region_en)
    title = title[0].upper() + title[1:]
    return f"{title} ({section['series']})" if section["series"] > 1 else title


# The title of a page with a role.
def _title(name: str, language: str) -> str:
    titles = {GLOSSARY: ("Glossaire", "Glossary"), FAQ: ("Questions fréquentes", "Frequently asked questions"),
              SOURCES_PAGE: ("Sources", "Sources")}
    return titles[name][language == "en"]


# A description of an accepted length, cut at a word.
def _fit(text: str, shortest: int, longest: int) -> str:
    while len(text) < shortest:
        text = f"{text} {text}"
    return text if len(text) <= longest else text[: longest - 1].rsplit(" ", 1)[0] + "…"


def _document(meta: dict, markdown: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + markdown


# A text file, with the folders it is in.
def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("destination", type=Path, help="a new folder, outside the repository")
    parser.add_argument("--pages", type=int, default=100, help="pages per language (default 100)")
    arguments = parser.parse_args()
    print(generate(arguments.destination, arguments.pages))
