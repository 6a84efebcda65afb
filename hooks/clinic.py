"""The clinic behind the site: its file (or the demo clinic) checked, its details on every page, its
logo and colours applied, its address as the site's address.

Templates read the checked data as `config.extra.clinic`, and `clinic_text`: the same details written
out for the reader's language (phone as dialled there, opening hours, language and country names).
"""
from __future__ import annotations

import datetime
import json
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote_plus

import phonenumbers
from babel import Locale
from babel.dates import format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_currency
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lib.build_state import state
from lib.clinic_file import BY_APPOINTMENT, CLOSED, DAYS, Clinic, Colours, Localized, load, practitioner_id
from lib.language_folders import default_language, inner_language_build
from lib.locales import babel_locale
from lib.page_roles import is_clinic
from lib.priorities import AFTER_LANGUAGE_FILES, SITE_ADDRESS
from lib.published_names import digest

# The clinic file to build, as `make site CLINIC=path/to/clinic.yml` passes it; without it, the demo clinic.
CLINIC_FILE = "CLINIC_FILE"
DEMO_CLINIC = "data/demo-clinic.yml"
# Where the build publishes the clinic's logo and colours (named after their content, cached for long).
LOGO = "assets/images/clinic-logo.{digest}{suffix}"
STYLESHEET = "assets/stylesheets/clinic.{digest}.css"
# Phone numbers as readers dial them: French readers the national way, others with the country code.
_PHONE_FORMATS = {"fr": phonenumbers.PhoneNumberFormat.NATIONAL}
# Payment methods as schema.org's paymentAccepted names them.
_PAYMENT_NAMES = {"cash": "Cash", "card": "Credit Card", "cheque": "Cheque", "transfer": "Bank Transfer"}


# Check the clinic file before anything is built, and make its address the site's address (once: static-i18n
# builds the other languages inside the default one, with the same configuration).
@event_priority(SITE_ADDRESS)
def on_config(config: MkDocsConfig) -> None:
    build = state(config)
    if inner_language_build(config) and build.clinic:
        return
    path, shown_name = _clinic_file(config)
    clinic = load(path, shown_name)
    data = clinic.model_dump(mode="json")
    if clinic.logo:
        data["logo"] = _published_name(LOGO, Path(clinic.logo).read_bytes(), Path(clinic.logo).suffix.lower())
        config.theme["logo"] = config.theme["favicon"] = data["logo"]
    css = _stylesheet(clinic.colours) if clinic.colours else None
    build.clinic.update(clinic=clinic, css=css, stylesheet=_published_name(STYLESHEET, css.encode(), "") if css else None)
    data["medical_review"] = _published_review(clinic, shown_name)
    config.extra["clinic"] = data
    config.site_url = clinic.site_url
    if str(path) not in config.watch:
        config.watch.append(str(path))


# Publish the logo and the colours' stylesheet once static-i18n has sorted the files of the language.
@event_priority(AFTER_LANGUAGE_FILES)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    built = state(config).clinic
    if built["clinic"].logo:
        files.append(File.generated(config, config.extra["clinic"]["logo"], abs_src_path=built["clinic"].logo))
    if built["css"]:
        files.append(File.generated(config, built["stylesheet"], content=built["css"]))
    return files


# Give the templates the clinic's details written out in this build's language.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["clinic_text"] = _written_out(state(config).clinic["clinic"], config.theme["language"], config)
    return env


# The clinic pages' sections (fees, access…) come from their templates, not their Markdown: show their ids to
# MkDocs' link check, which runs once every page is written, so that other pages may link to them.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if is_clinic(page.meta) and page.present_anchor_ids is not None:
        reader = _Ids()
        reader.feed(output)
        page.present_anchor_ids |= reader.ids
    return output


# The file given through CLINIC_FILE (relative to where make runs), or the demo clinic; and its name for messages.
def _clinic_file(config: MkDocsConfig) -> tuple[Path, str]:
    given = os.environ.get(CLINIC_FILE, "").strip()
    if given:
        return Path(given).resolve(), given
    return Path(config.config_file_path).parent / DEMO_CLINIC, DEMO_CLINIC


# The medical review the pages show: who (and their @id), when, which version, and the clinic file to name in
# messages; None for the demo, whose pages say that no physician reviewed them.
def _published_review(clinic: Clinic, shown_name: str) -> dict | None:
    reviewer = clinic.reviewer()
    if reviewer is None:
        return None
    number, practitioner = reviewer
    review = clinic.medical_review
    return {"by": review.by, "date": review.date.isoformat(), "version": review.version, "clinic_file": shown_name,
            "id": practitioner_id(clinic.site_url, number), "title": practitioner.title.model_dump()}


# "assets/images/clinic-logo.3f2a9c1e.svg": a name that changes whenever the content does.
def _published_name(pattern: str, content: bytes, suffix: str) -> str:
    return pattern.format(digest=digest(content), suffix=suffix)


# The clinic's colours over the theme's: header, links, and the lighter and darker shades Material uses.
def _stylesheet(colours: Colours) -> str:
    primary, accent = colours.primary, colours.accent
    return (
        "/* The clinic's colours, from its clinic file (checked for a 4.5:1 contrast with white). */\n"
        "body[data-md-color-primary][data-md-color-accent] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {_mix(primary, '#ffffff', 0.15)};\n"
        f"  --md-primary-fg-color--dark: {_mix(primary, '#000000', 0.25)};\n"
        "  --md-primary-bg-color: #fff;\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --md-accent-fg-color--transparent: {accent}1a;\n"
        "  --md-accent-bg-color: #fff;\n"
        f"  --md-typeset-a-color: {primary};\n"
        "}\n"
    )


# A colour moved a share of the way towards another.
def _mix(colour: str, towards: str, share: float) -> str:
    channels = [round(int(colour[i:i + 2], 16) * (1 - share) + int(towards[i:i + 2], 16) * share) for i in (1, 3, 5)]
    return "#" + "".join(f"{channel:02x}" for channel in channels)


# Everything a page shows of the clinic, in the reader's language.
def _written_out(clinic: Clinic, language: str, config: MkDocsConfig) -> dict:
    locale = Locale.parse(babel_locale(language))
    address = clinic.address
    country = locale.territories.get(address.country, address.country)
    legal = clinic.legal
    return {
        "name": clinic.name,
        "example": clinic.example,
        "stylesheet": state(config).clinic["stylesheet"],
        "practitioners": [{
            "name": practitioner.name,
            "title": _in_language(practitioner.title, language, config),
            "qualifications": [_in_language(qualification, language, config) for qualification in practitioner.qualifications],
            "languages": format_list([locale.languages.get(code, code) for code in practitioner.languages], locale=locale),
            "rpps": practitioner.rpps,
            "ordre": practitioner.ordre.model_dump() if practitioner.ordre else None,
            "convention": practitioner.convention,
            "optam": practitioner.optam,
        } for practitioner in clinic.practitioners],
        "fees": _fees(clinic, locale),
        "access": {
            "public_transport": _in_language(clinic.access.public_transport, language, config) if clinic.access.public_transport else None,
            "step_free": clinic.access.step_free,
        } if clinic.access else None,
        "address": [address.street, f"{address.postal_code} {address.city}", country],
        "map_url": "https://www.openstreetmap.org/search?query="
                   + quote_plus(f"{address.street}, {address.postal_code} {address.city}, {country}"),
        "phone": _phone(clinic.phone, language),
        "email": clinic.email,
        "website": clinic.website,
        "booking_url": clinic.booking_url,
        "hours": _hours(clinic, locale),
        "by_appointment_only": all(getattr(clinic.hours, day) == BY_APPOINTMENT for day in DAYS),
        "emergency": clinic.emergency,
        "legal": {
            "publisher": legal.publisher,
            "director": legal.director,
            "host": {"name": legal.host.name, "address": legal.host.address, "phone": _phone(legal.host.phone, language)},
            "rpps": legal.rpps,
            "siret": f"{legal.siret[:3]} {legal.siret[3:6]} {legal.siret[6:9]} {legal.siret[9:]}" if legal.siret else None,
        },
        "structured_data": _structured_data(clinic, language, config),
    }


# A phone number to dial (tel:+33…) and to read, as readers of the language write it.
def _phone(number: str, language: str) -> dict:
    parsed = phonenumbers.parse(number)
    shown = phonenumbers.format_number(parsed, _PHONE_FORMATS.get(language, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    return {"href": f"tel:{number}", "text": shown}


# The consultation's and the session's fees, as the locale writes euros, and the payment methods' keys.
def _fees(clinic: Clinic, locale: Locale) -> dict | None:
    if clinic.fees is None:
        return None
    return {"consultation": _amount(clinic.fees.consultation, locale),
            "mesotherapy_session": _amount(clinic.fees.mesotherapy_session, locale),
            "payment": clinic.fees.payment}


# "50 €" or "50 € – 70 €" ("€50 – €70"): whole euros without cents.
def _amount(amount: dict, locale: Locale) -> str:
    pattern = locale.currency_formats["standard"].pattern
    written = [format_currency(value, "EUR", locale=locale, currency_digits=False,
                               format=pattern.replace(".00", "") if value == int(value) else pattern)
               for value in dict.fromkeys((amount["low"], amount["high"]))]
    return " – ".join(written)


# One row per weekday, Monday first: its name, and "closed", "by appointment" or its opening times.
def _hours(clinic: Clinic, locale: Locale) -> list[dict]:
    names = get_day_names("wide", locale=locale)
    rows = []
    for index, day in enumerate(DAYS):
        value = getattr(clinic.hours, day)
        times = [] if value in (CLOSED, BY_APPOINTMENT) else [
            f"{_time(period['opens'], locale)} – {_time(period['closes'], locale)}" for period in value]
        rows.append({"day": names[index].capitalize(), "status": value if isinstance(value, str) else "open", "times": times})
    return rows


# "09:00" written as the locale writes times.
def _time(text: str, locale: Locale) -> str:
    hour, minute = map(int, text.split(":"))
    return "24:00" if hour == 24 else format_time(datetime.time(hour, minute), format="short", locale=locale)


# The practice as schema.org sees it: a MedicalClinic, and each practitioner an IndividualPhysician practising there.
def _structured_data(clinic: Clinic, language: str, config: MkDocsConfig) -> str:
    clinic_id = f"{clinic.site_url}#clinic"
    practice = {
        "@type": "MedicalClinic", "@id": clinic_id, "name": clinic.name, "url": clinic.website or clinic.site_url,
        "telephone": clinic.phone, "email": clinic.email,
        "address": {"@type": "PostalAddress", "streetAddress": clinic.address.street,
                    "postalCode": clinic.address.postal_code, "addressLocality": clinic.address.city,
                    "addressCountry": clinic.address.country},
        "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{day.capitalize()}",
             "opens": period["opens"], "closes": period["closes"]}
            for day in DAYS if isinstance(getattr(clinic.hours, day), list) for period in getattr(clinic.hours, day)],
    }
    if clinic.logo:
        practice["logo"] = clinic.site_url + config.extra["clinic"]["logo"]
    if clinic.booking_url:
        practice["potentialAction"] = {"@type": "ReserveAction", "target": clinic.booking_url}
    if clinic.fees:
        amounts = [clinic.fees.consultation, clinic.fees.mesotherapy_session]
        locale = Locale.parse(babel_locale(language))
        practice.update(priceRange=_amount({"low": min(a["low"] for a in amounts), "high": max(a["high"] for a in amounts)}, locale),
                        paymentAccepted=", ".join(_PAYMENT_NAMES[method] for method in clinic.fees.payment),
                        currenciesAccepted="EUR")
    physicians = [{
        "@type": "IndividualPhysician", "@id": practitioner_id(clinic.site_url, number), "name": practitioner.name,
        "description": _in_language(practitioner.title, language, config), "knowsLanguage": practitioner.languages,
        "hasCredential": [{"@type": "EducationalOccupationalCredential", "name": _in_language(q, language, config)}
                          for q in practitioner.qualifications],
        "practicesAt": {"@id": clinic_id},
        **({"identifier": {"@type": "PropertyValue", "propertyID": "RPPS", "value": practitioner.rpps}} if practitioner.rpps else {}),
    } for number, practitioner in enumerate(clinic.practitioners, 1)]
    data = {"@context": "https://schema.org", "@graph": [practice, *physicians]}
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")


class _Ids(HTMLParser):
    """The id of every element of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    # Note the element's id, if it has one.
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


# A text of the clinic file in the reader's language; the clinic file writes French and English, so a language it
# does not write shows the default language's text.
def _in_language(text: Localized, language: str, config: MkDocsConfig) -> str:
    return getattr(text, language, None) or getattr(text, default_language(config))
