"""The clinic file: read and checked in one place.

Every problem of the file is reported at once, one line each: `clinic.yml: address.postal_code: … — how to fix`.
"""
from __future__ import annotations

import datetime
import difflib
import math
import os
import re
import stat
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union
from urllib.parse import urlsplit

import idna
import phonenumbers
import yaml
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from mkdocs.exceptions import PluginError
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

from .yaml_limits import LimitedComposer, YAMLLimitError, error_place

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BY_APPOINTMENT = "by appointment"
CLOSED = "closed"
# What a clinic may write for a day (or the whole week) seen by appointment, or closed.
_BY_APPOINTMENT_WORDS = {BY_APPOINTMENT, "sur rendez-vous", "appointment", "rendez-vous"}
_CLOSED_WORDS = {CLOSED, "fermé", "ferme"}
_TIME_RANGE = re.compile(r"^(\d{1,2})[:h](\d{2})\s*[-–]\s*(\d{1,2})[:h](\d{2})$")
_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
# WCAG 2 level AA for normal text; the clinic's colours carry white header text and links on white.
AA_CONTRAST = 4.5
LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
LOGO_MAX_BYTES = 300_000
# A clinic file is a page of text (the demo's is 1.5 kB): far more is a mistake, and every page would carry it.
CLINIC_MAX_BYTES = 100_000
# The longest text of each kind (characters): generous for real names and addresses, small beside a page.
NAME_MAX, TEXT_MAX, URL_MAX = 120, 200, 500
# A host name as nginx's server_name and a browser take it: letters, digits and hyphens, in dot-separated labels.
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_SITE_URL = re.compile(r"https://([^/?#@:]+)(?::(\d{1,5}))?/?")
_ENGLISH = Locale("en")


# The clinic described by the file, or a PluginError listing every problem (file named as the reader gave it).
# recording_review: `make review` is about to write the medical review, so the one written (or its absence) does not count.
def load(path: Path, shown_name: str, recording_review: bool = False) -> "Clinic":
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read(CLINIC_MAX_BYTES + 1)  # a file far over the limit (or endless) is never read whole
    except FileNotFoundError:
        raise PluginError(f"{shown_name}: no such file — check the path given to CLINIC.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PluginError(f"{shown_name}: cannot be read ({error}) — save it as UTF-8 text.") from None
    if len(text.encode("utf-8")) > CLINIC_MAX_BYTES:
        raise PluginError(f"{shown_name}: longer than the {CLINIC_MAX_BYTES // 1000} kB a clinic file may hold — "
                          "keep to the fields of data/demo-clinic.yml.")
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader that refuses repeated keys
    except YAMLLimitError as error:
        raise PluginError(f"{shown_name}: {error_place(error)}.") from None
    except yaml.YAMLError as error:
        raise PluginError(f"{shown_name}: not valid YAML ({error_place(error)}) — check the indentation, "
                          "and put text containing ': ' or starting with # in quotes.") from None
    if not isinstance(data, dict):
        raise PluginError(f"{shown_name}: must hold the clinic's fields (name:, address:, …) — "
                          "start from data/demo-clinic.yml.")
    try:
        context = {"folder": path.parent, "file": shown_name, "example": data.get("example") is True,
                   "recording_review": recording_review}
        return Clinic.model_validate(data, context=context)
    except ValidationError as error:
        problems = [f"{shown_name}: {_explain(problem)}" for problem in error.errors()]
        raise PluginError("\n".join(problems)) from None


# The @id of a practitioner (numbered from 1) in the site's structured data: the practice page's and the reviewer's.
def practitioner_id(site_url: str, number: int) -> str:
    return f"{site_url}#practitioner-{number}"


# The contrast ratio of a colour against white, as WCAG 2 defines it (1 to 21).
def contrast_with_white(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


# ---------------------------------------------------------------------------------------------------
# The fields: what a clinic writes, checked and put in one plain shape for the templates.

# A problem of the clinic's own making, its message as the reader will see it.
def _problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("clinic", message)


# Text that may differ between the languages: plain text (the same in both) or fr: and en: texts.
def _localized(value: Any) -> Any:
    if isinstance(value, str):
        return {"fr": value, "en": value}
    if not isinstance(value, dict):
        raise _problem("must be text, or a French and an English text (fr: … and en: … on their own lines)")
    return value


Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]

# Words of praise or promise: the Ordre des médecins' charter for doctors' websites forbids promotion.
_ADVERTISING = re.compile(r"\b(?:meilleur\w*|garanti\w*|guarantee\w*|best|number one)\b|n\s?[°º]\s?1\b|#\s?1\b|"
                          r"\bnuméro\s?(?:1|un)\b|\b100\s?%", re.IGNORECASE)


# Free text about the practice: facts, without the praise or promises the charter forbids.
def _not_advertising(value: str) -> str:
    found = _ADVERTISING.search(value)
    if found:
        raise _problem(f"{value!r} reads as advertising ({found.group(0)!r}) — the Ordre des médecins' charter for "
                       "doctors' websites forbids promotion: state facts (titles, diplomas, hours) without praise, "
                       "rankings or promises")
    return value


FreeText = Annotated[Text, AfterValidator(_not_advertising)]
FreeName = Annotated[Name, AfterValidator(_not_advertising)]


class _Fields(BaseModel):
    """Fields of the clinic file: every key must be known, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Localized(_Fields):
    fr: FreeText
    en: FreeText


class LocalizedName(Localized):
    fr: FreeName
    en: FreeName


Translatable = Annotated[Localized, BeforeValidator(_localized)]
TranslatableName = Annotated[LocalizedName, BeforeValidator(_localized)]


# A language code a reader can be shown in their own language ("es" is "espagnol" or "Spanish").
def _language(value: Any) -> str:
    code = str(value).strip().lower()
    if code not in _ENGLISH.languages:
        raise _problem(f"{value!r} is not a language code — write two letters, e.g. fr, en, es, de, it, ar")
    return code


# What a clinic writes for its practitioners' situation with the Assurance maladie, and the key the site uses.
CONVENTIONS = {"secteur 1": "sector-1", "sector 1": "sector-1", "1": "sector-1",
               "secteur 2": "sector-2", "sector 2": "sector-2", "2": "sector-2",
               "non conventionné": "non-contracted", "non conventionne": "non-contracted", "not contracted": "non-contracted"}
# Départements as the Ordre des médecins numbers them: 01 to 95, 2A and 2B (Corsica), 971 to 976 (overseas).
_DEPARTEMENT = re.compile(r"0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6]")


# Something a clinic must write, unless the file is the demo's (example: true).
def _required_unless_example(value: Any, info: ValidationInfo, what: str) -> Any:
    if value is None and not info.context.get("example"):
        raise _problem(f"missing — {what} (only a demo file, with example: true, may leave it out)")
    return value


# 11 digits whose last is the Luhn check digit of the others, as on the physician's CPS card.
def rpps_problem(value: Any) -> Optional[str]:
    digits = re.sub(r"\s", "", str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{11}", digits):
        return f"{value!r} is not an RPPS number — write its 11 digits, in quotes"
    if not luhn(digits):
        return (f"{value!r} is not an RPPS number: its last digit does not match the others (check digit) — "
                "copy it again from the CPS card or annuaire.sante.fr")
    return None


# An RPPS number as published: checked (rpps_problem), its spaces removed.
def _checked_rpps(value: Any) -> str:
    problem = rpps_problem(value)
    if problem:
        raise _problem(problem)
    return re.sub(r"\s", "", str(value))


class OrdreRegistration(_Fields):
    departement: str
    number: str

    # The département of the council that registered the physician: "69", "2A", "974".
    @field_validator("departement", mode="before")
    @classmethod
    def _departement(cls, value: Any) -> str:
        code = str(value).strip().upper() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        code = code.zfill(2) if code.isdigit() else code
        if not _DEPARTEMENT.fullmatch(code):
            raise _problem(f"{value!r} is not a département — write its number in quotes, e.g. \"69\", \"2A\" or \"974\"")
        return code

    # The registration number on the council's roll: digits.
    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> str:
        number = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not re.fullmatch(r"\d{1,10}", number):
            raise _problem(f"{value!r} is not a registration number — write its digits, in quotes")
        return number


class Practitioner(_Fields):
    name: Name
    title: TranslatableName
    qualifications: list[Translatable] = Field([], max_length=20)
    languages: list[Annotated[str, BeforeValidator(_language)]] = Field(["fr"], max_length=20)
    rpps: Optional[str] = Field(default=None, validate_default=True)
    ordre: Optional[OrdreRegistration] = None
    convention: Optional[str] = Field(default=None, validate_default=True)
    optam: bool = False

    # The practitioner's RPPS number, which patients and the Ordre use to identify them.
    @field_validator("rpps", mode="before")
    @classmethod
    def _rpps(cls, value: Any, info: ValidationInfo) -> Optional[str]:
        if _required_unless_example(value, info, "write the practitioner's 11-digit RPPS number, in quotes") is None:
            return None
        return _checked_rpps(value)

    # Secteur 1, secteur 2 or non conventionné: what patients pay beyond the Assurance maladie's rates depends on it.
    @field_validator("convention", mode="before")
    @classmethod
    def _convention(cls, value: Any, info: ValidationInfo) -> Optional[str]:
        written = "secteur 1, secteur 2 or non conventionné"
        if _required_unless_example(value, info, f"write the practitioner's situation with the Assurance maladie: {written}") is None:
            return None
        key = " ".join(str(value).strip().lower().replace("-", " ").split())
        if key not in CONVENTIONS:
            raise _problem(f"{value!r} is not a convention situation — write {written}")
        return CONVENTIONS[key]


class Address(_Fields):
    street: Text
    city: Name
    country: str = "FR"
    postal_code: str

    # Two letters a reader's language can name ("FR" is "France").
    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: Any) -> str:
        code = str(value).strip().upper() if isinstance(value, str) else ""
        if code not in _ENGLISH.territories or not re.fullmatch(r"[A-Z]{2}", code):
            raise _problem(f"{value!r} is not a country code — write its two letters, e.g. FR, BE, CH, LU, MC")
        return code

    # Five digits in France and Monaco (country is checked first: fields are checked in their order here).
    @field_validator("postal_code", mode="before")
    @classmethod
    def _postal_code(cls, value: Any, info: ValidationInfo) -> str:
        code = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if info.data.get("country", "FR") in ("FR", "MC"):
            if not re.fullmatch(r"\d{5}", code):
                raise _problem(f"{value!r} is not a French postal code — write its 5 digits in quotes, e.g. \"75011\"")
        elif not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]{1,9}", code):
            raise _problem(f"{value!r} is not a postal code — write it as on a letter, in quotes")
        return code


# A day's opening times ("09:00-12:30, 14:00-18:00" or a list) as {opens, closes} ranges, in order.
def _time_ranges(value: Any) -> list[dict[str, str]]:
    parts = value.split(",") if isinstance(value, str) else value
    if not isinstance(parts, list) or not parts:
        raise _problem("must be opening times such as 09:00-12:30, 14:00-18:00, or \"by appointment\", or \"closed\"")
    ranges = [_time_range(str(part).strip()) for part in parts]
    for earlier, later in zip([{"closes": "00:00"}, *ranges], ranges):
        if not earlier["closes"] <= later["opens"] < later["closes"]:
            raise _problem(f"{later['opens']}-{later['closes']} does not follow the time before it — "
                           "each range must end after it starts, ranges in order of the day, without overlap")
    return ranges


# "09:00-12:30" (or 9h00–12h30) as {opens, closes}.
def _time_range(text: str) -> dict[str, str]:
    match = _TIME_RANGE.match(text)
    times = [(int(match[1]), int(match[2])), (int(match[3]), int(match[4]))] if match else []
    if not times or any(hour > 24 or minute > 59 for hour, minute in times):
        raise _problem(f"{text!r} is not a time range — write it as 09:00-12:30, two ranges as "
                       "09:00-12:30, 14:00-18:00, or write \"by appointment\" or \"closed\"")
    opens, closes = (f"{hour:02}:{minute:02}" for hour, minute in times)
    return {"opens": opens, "closes": closes}


# One day: "closed", "by appointment", or its opening times as {opens, closes} ranges.
def _day(value: Any) -> Union[str, list[dict[str, str]]]:
    if value is None or value is False or (isinstance(value, str) and value.strip().lower() in _CLOSED_WORDS):
        return CLOSED
    if isinstance(value, str) and value.strip().lower() in _BY_APPOINTMENT_WORDS:
        return BY_APPOINTMENT
    if isinstance(value, int):
        raise _problem("must be opening times in quotes, e.g. \"09:00-12:30\" (YAML reads 9:00 alone as a number)")
    return _time_ranges(value)


Day = Annotated[Union[Literal["closed", "by appointment"], list[dict[str, str]]], BeforeValidator(_day)]


class Hours(_Fields):
    monday: Day = CLOSED
    tuesday: Day = CLOSED
    wednesday: Day = CLOSED
    thursday: Day = CLOSED
    friday: Day = CLOSED
    saturday: Day = CLOSED
    sunday: Day = CLOSED

    # The whole week at once: "hours: by appointment".
    @model_validator(mode="before")
    @classmethod
    def _whole_week(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in _BY_APPOINTMENT_WORDS:
            return {day: BY_APPOINTMENT for day in DAYS}
        if not isinstance(value, dict):
            raise _problem("must list the opening times of each day (monday: 09:00-12:30, …) or be \"by appointment\"")
        return value


# "#RRGGBB", dark enough for white text on it and for links in it on white (WCAG AA).
def _colour(value: Any) -> str:
    if value is None:
        raise _problem("missing colour code — write it in quotes, e.g. \"#1d4e89\" (without quotes, # starts a comment)")
    match = _COLOUR.match(str(value).strip())
    if not match:
        raise _problem(f"{value!r} is not a colour code — write it as \"#RRGGBB\", e.g. \"#1d4e89\"")
    digits = match.group(1).lower()
    colour = "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))
    ratio = contrast_with_white(colour)
    if ratio < AA_CONTRAST:
        raise _problem(f"{colour} gives white text on it, and itself as text on white, a contrast of "
                       f"{math.floor(ratio * 100) / 100:.2f}:1, below the {AA_CONTRAST}:1 of WCAG AA — choose a darker colour")
    return colour


Colour = Annotated[str, BeforeValidator(_colour)]


class Colours(_Fields):
    primary: Colour
    accent: Optional[str] = None

    # "accent: #8a3b12" without quotes reads as an empty accent: say so rather than drop it.
    @field_validator("accent", mode="before")
    @classmethod
    def _written_accent(cls, value: Any) -> str:
        return _colour(value)

    # Without an accent, links show the primary colour on hover too.
    @model_validator(mode="after")
    def _accent(self) -> "Colours":
        self.accent = self.accent or self.primary
        return self


# A number that can be dialled from the clinic's country, kept in international form (+33…) for tel: links.
def _phone(value: Any, info: ValidationInfo) -> str:
    if not isinstance(value, str):
        raise _problem("must be a phone number in quotes, e.g. \"01 99 00 12 34\"")
    address = info.data.get("address")
    region = address.country if isinstance(address, Address) else "FR"
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise _problem(f"{value!r} is not a valid phone number in {region} — write it as you would dial it, "
                       "e.g. 01 99 00 12 34, or with its country code, e.g. +33 1 99 00 12 34")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# An absolute web address; https only where the reader's data or the site's own address is at stake.
def _url(value: Any, schemes: tuple[str, ...]) -> str:
    if isinstance(value, str) and len(value) > URL_MAX:
        raise _problem(f"is over {URL_MAX} characters long ({len(value)}) — give the page's address alone")
    unsafe = re.search(r"[\x00-\x20\x7f\"'<>\\`]", value.strip()) if isinstance(value, str) else None
    if unsafe:
        raise _problem(f"{value!r} holds {unsafe[0]!r}, which no web address holds as such — copy the address "
                       "again from the browser's address bar")
    parts = urlsplit(str(value).strip()) if isinstance(value, str) else None
    if parts is None or parts.scheme not in schemes or not parts.hostname or "." not in parts.hostname:
        start = " or ".join(f"{scheme}://" for scheme in schemes)
        raise _problem(f"{value!r} is not a full web address — write it starting with {start}, "
                       "as in the browser's address bar")
    return str(value).strip()


class Host(_Fields):
    name: Name
    address: Text
    phone: str

    _check_phone = field_validator("phone", mode="before")(_phone)


class Legal(_Fields):
    publisher: Text
    director: Text
    host: Host
    rpps: Optional[str] = None
    siret: Optional[str] = None

    # The physician's RPPS number: 11 digits, the last a check digit.
    @field_validator("rpps", mode="before")
    @classmethod
    def _rpps(cls, value: Any) -> Optional[str]:
        return None if value is None else _checked_rpps(value)

    # The business's SIRET number: 14 digits passing the Luhn check.
    @field_validator("siret", mode="before")
    @classmethod
    def _siret(cls, value: Any) -> Optional[str]:
        digits = re.sub(r"\s", "", str(value)) if value is not None else None
        if digits is not None and (not re.fullmatch(r"\d{14}", digits) or not luhn(digits)):
            raise _problem(f"{value!r} is not a SIRET number (14 digits with a valid check digit) — "
                           "copy it again from the INSEE notice or annuaire-entreprises.data.gouv.fr")
        return digits


# Payment methods a clinic may accept, and the words it may write for each.
PAYMENT_METHODS = {"cash": "cash", "espèces": "cash", "especes": "cash",
                   "card": "card", "carte": "card", "carte bancaire": "card", "bank card": "card",
                   "cheque": "cheque", "chèque": "cheque", "check": "cheque",
                   "transfer": "transfer", "virement": "transfer", "bank transfer": "transfer"}
_AMOUNT = re.compile(r"^(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?)?\s*(?:(?:-|–|à|to)\s*(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?)?)?$",
                     re.IGNORECASE)


# A fee in euros: one amount (50) or a range ("50-70"), as {low, high}.
def _amount(value: Any) -> dict[str, float]:
    text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
    match = _AMOUNT.match(text)
    if not match:
        raise _problem(f"{value!r} is not an amount in euros — write it as 50, or a range as \"50-70\"")
    low = float(match[1].replace(",", "."))
    high = float(match[2].replace(",", ".")) if match[2] else low
    if not 0 < low <= high <= 10_000:
        raise _problem(f"{value!r} is not a fee range — write the lower amount first, e.g. \"50-70\"")
    return {"low": low, "high": high}


Amount = Annotated[dict[str, float], BeforeValidator(_amount)]


# A payment method, by its key: cash, card, cheque or transfer.
def _payment(value: Any) -> str:
    key = str(value).strip().lower()
    if key not in PAYMENT_METHODS:
        raise _problem(f"{value!r} is not a payment method — write cash, card, cheque or transfer")
    return PAYMENT_METHODS[key]


class Fees(_Fields):
    consultation: Amount
    mesotherapy_session: Amount
    payment: list[Annotated[str, BeforeValidator(_payment)]] = Field(min_length=1)


class Access(_Fields):
    public_transport: Optional[Translatable] = None
    step_free: Optional[bool] = None


class MedicalReview(_Fields):
    by: Text
    date: datetime.date
    version: str

    # A day that has come: the review took place.
    @field_validator("date", mode="after")
    @classmethod
    def _past(cls, value: datetime.date) -> datetime.date:
        if value > datetime.date.today():
            raise _problem(f"{value} is in the future — write the day the physician reviewed the pages")
        return value

    # The version of the medical content reviewed, as `make review` writes it.
    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{12}", value.strip()):
            raise _problem(f"{value!r} is not a version of the medical content — let `make review` write it")
        return value.strip()


class Clinic(_Fields):
    """The clinic file, as the templates see it in config.extra.clinic."""

    name: FreeName
    # Example data (the demo clinic): every page says so, so that nobody publishes it by mistake.
    example: bool = False
    practitioners: list[Practitioner] = Field(min_length=1, max_length=50)
    # The physician of the practice who reviewed the shared medical pages, when, and which version of them.
    medical_review: Optional[MedicalReview] = Field(default=None, validate_default=True)
    address: Address
    phone: str
    email: str
    website: Optional[str] = None
    booking_url: Optional[str] = None
    hours: Hours
    site_url: str
    logo: Optional[str] = None
    colours: Optional[Colours] = None
    emergency: str = "15"
    fees: Optional[Fees] = Field(default=None, validate_default=True)
    access: Optional[Access] = None
    legal: Legal

    _check_phone = field_validator("phone", mode="before")(_phone)

    # An address that can receive mail, by its form (no look-up: the build makes no network request).
    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any) -> str:
        try:
            return validate_email(str(value), check_deliverability=False).normalized
        except EmailNotValidError as error:
            raise _problem(f"{value!r} is not an email address ({str(error).rstrip('.')}) — write it as name@domain.fr") from None

    # The practice's own website, http or https.
    @field_validator("website", mode="before")
    @classmethod
    def _website(cls, value: Any) -> Optional[str]:
        return None if value is None else _url(value, ("https", "http"))

    # Online booking carries the patient's details: https only.
    @field_validator("booking_url", mode="before")
    @classmethod
    def _booking_url(cls, value: Any) -> Optional[str]:
        return None if value is None else _url(value, ("https",))

    # The site's public root: https://, a host name (international names in their ASCII form), perhaps a port,
    # nothing else. Canonical URLs and nginx's server_name come from it: nothing here can end an HTML attribute
    # or an nginx directive.
    @field_validator("site_url", mode="before")
    @classmethod
    def _site_url(cls, value: Any) -> str:
        url = _url(value, ("https",))
        parts = urlsplit(url)
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise _problem(f"{value!r} must be the root of a site, without a folder — host the site on its own "
                           "(sub)domain, e.g. https://mesotherapie.cabinet-dupont.fr/")
        match = _SITE_URL.fullmatch(url)
        host = _host_name(match[1]) if match else None
        if host is None:
            raise _problem(f"{value!r} is not https:// and a host name (with a port at most, e.g. :8443) — "
                           "write the site's address alone, e.g. https://mesotherapie.cabinet-dupont.fr/")
        if match[2] and not 0 < int(match[2]) < 65536:
            raise _problem(f"{value!r} has port {match[2]}, which does not exist — leave it out (https uses 443)")
        return f"https://{host}{':' + match[2] if match[2] else ''}/"

    # An image file in the clinic file's folder (or below it), small enough for a header: nothing else the
    # build can read is ever published as the logo.
    @field_validator("logo", mode="before")
    @classmethod
    def _logo(cls, value: Any, info: ValidationInfo) -> Optional[str]:
        if value is None:
            return None
        folder = os.path.realpath(info.context["folder"])
        written = str(value)
        path = Path(os.path.realpath(os.path.join(folder, written)))  # symbolic links followed, ".." worked out
        if os.path.commonpath([folder, path]) != folder:
            raise _problem(f"{value!r} is outside the clinic file's folder — put the image next to the clinic file "
                           "and give its name, e.g. logo: logo.svg")
        if Path(written).suffix.lower() not in LOGO_TYPES or path.suffix.lower() not in LOGO_TYPES:
            raise _problem(f"{value!r} is not an image the site can show — use an .svg, .png, .jpg or .webp file")
        try:
            found = path.stat()
        except OSError:
            raise _problem(f"{value!r} not found next to the clinic file — give its path from the clinic file's folder") from None
        if not stat.S_ISREG(found.st_mode):
            raise _problem(f"{value!r} is not a file — give the image file's name")
        if found.st_size > LOGO_MAX_BYTES:
            raise _problem(f"{value!r} weighs {found.st_size // 1000} kB — shrink it under "
                           f"{LOGO_MAX_BYTES // 1000} kB (it shows 24 pixels high)")
        return str(path)

    # A published site's medical pages are reviewed by one of the practice's physicians, who takes responsibility.
    @field_validator("medical_review", mode="before")
    @classmethod
    def _medical_review_written(cls, value: Any, info: ValidationInfo) -> Any:
        if info.context.get("recording_review"):
            return None  # `make review` replaces it, whatever it says
        if value is None and not info.context.get("example"):
            raise _problem(
                "missing — one of the practice's physicians must read the site's medical pages and take responsibility "
                "for them before the site is published (a demo keeps example: true instead). Once they have, run  "
                f"make review BY=\"Dr …\" CLINIC={info.context.get('file', 'path/to/clinic.yml')}  "
                "which writes medical_review: (by, date, version) into this file")
        return value

    # The reviewer is one of the practitioners, named as under practitioners.
    @field_validator("medical_review", mode="after")
    @classmethod
    def _reviewer_practises_here(cls, value: Optional[MedicalReview], info: ValidationInfo) -> Optional[MedicalReview]:
        names = [practitioner.name for practitioner in info.data.get("practitioners") or []]
        if value is not None and names and value.by not in names:
            raise _problem(f"by: {value.by!r} is not one of the practitioners — write the name exactly as under "
                           f"practitioners: {', '.join(names)}")
        return value

    # The fees patients will pay: the charter asks a doctor's site to show them.
    @field_validator("fees", mode="before")
    @classmethod
    def _fees_written(cls, value: Any, info: ValidationInfo) -> Any:
        return _required_unless_example(value, info, "write consultation:, mesotherapy_session: and payment: under fees:")

    # The practitioner who reviewed the medical pages, and their number in the list (from 1); None if the
    # site shows no review (the demo).
    def reviewer(self) -> Optional[tuple[int, Practitioner]]:
        if self.example or self.medical_review is None:
            return None
        return next((number, practitioner) for number, practitioner in enumerate(self.practitioners, 1)
                    if practitioner.name == self.medical_review.by)

    # The number the practice page gives for an emergency (the medical pages' care advice gives the national
    # 15 and 112 of data/triage/, and the practice's phone for the same day).
    @field_validator("emergency", mode="before")
    @classmethod
    def _emergency(cls, value: Any) -> str:
        number = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not re.fullmatch(r"\d{2,6}", number):
            raise _problem(f"{value!r} is not a number to dial — write its digits only, e.g. 15 (or 112)")
        return number


# ---------------------------------------------------------------------------------------------------
# Problems explained: where, what, and how to fix it.

_FIXES = {
    "missing": "missing — add it",
    "string_type": "must be text — write it after the colon, in quotes if it holds a colon or starts with a digit",
    "string_too_short": "is empty — write it",
    "list_type": "must be a list — one \"- item\" per line under it, or [item, item]",
    "too_short": "must list at least one — add one \"- …\" entry",
    "model_type": "must be a group of fields, each on its own indented line under it",
    "model_attributes_type": "must be a group of fields, each on its own indented line under it",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date — write it as YYYY-MM-DD, without quotes",
    "date_from_datetime_parsing": "must be a date — write it as YYYY-MM-DD, without quotes",
    "date_parsing": "must be a date — write it as YYYY-MM-DD, without quotes",
}
# Fields a clinic might look for: the charter forbids testimonials, patients' ratings and rankings.
_FORBIDDEN_FIELDS = {"testimonials", "testimonial", "reviews", "ratings", "rating", "ranking", "rankings",
                     "temoignages", "témoignages", "avis", "notes", "classement"}


# One problem as one line: "address.postal_code: … — how to fix".
def _explain(problem: dict) -> str:
    location = _location(problem["loc"])
    if problem["type"] == "clinic":
        return f"{location}: {problem['msg']}."
    if problem["type"] == "extra_forbidden" and str(problem["loc"][-1]).lower() in _FORBIDDEN_FIELDS:
        return (f"{location}: not allowed — the Ordre des médecins' charter for doctors' websites forbids "
                "testimonials, patients' ratings and rankings; remove it.")
    if problem["type"] in ("string_too_long", "too_long"):
        limit = problem["ctx"]["max_length"]
        what = "characters" if problem["type"] == "string_too_long" else "entries"
        return f"{location}: over {limit} {what} ({len(problem['input'])}) — shorten it to {limit} at most."
    if problem["type"] == "extra_forbidden":
        known = _known_fields(problem["loc"][:-1])
        close = difflib.get_close_matches(str(problem["loc"][-1]), known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"{location}: unknown field{hint} — the fields here are: {', '.join(known)}."
    kind = "string_too_short" if problem["type"] == "too_short" and isinstance(problem["input"], str) else problem["type"]
    fix = _FIXES.get(kind, f"{problem['msg']} — see the clinic file fields in guides/clinics.md")
    return f"{location}: {fix}."


# "practitioners.2.languages": list entries counted from 1, as a reader counts them.
def _location(loc: tuple) -> str:
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc) or "(whole file)"


# The field names allowed at a location of the file, for an unknown key.
def _known_fields(loc: tuple) -> list[str]:
    model: Any = Clinic
    for part in loc:
        if isinstance(part, int):
            continue
        model = _model_in(model.model_fields[part].annotation)
    return list(model.model_fields)


# The model inside an annotation such as Optional[list[Practitioner]].
def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        model = _model_in(argument)
        if model is not None:
            return model
    return None


# The Luhn check digit test that RPPS, SIREN and SIRET numbers pass.
def luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


# A host name as nginx and browsers take it, in ASCII ("école.fr" is "xn--cole-9oa.fr"); None if it is none.
def _host_name(text: str) -> Optional[str]:
    try:
        host = idna.encode(text, uts46=True, std3_rules=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or labels[-1].isdigit() or not all(map(_HOST_LABEL.fullmatch, labels)):
        return None
    return host


class _UniqueKeyLoader(LimitedComposer, yaml.SafeLoader):
    """YAML's safe loader, refusing a key written twice (the second would silently win), aliases and deep nesting."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key} is written twice — keep one", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)
