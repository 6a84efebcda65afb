"""The clinic file: read and checked in one place (a helper module for the hooks, not a hook itself).

Every problem of the file is reported at once, one line each: `clinic.yml: address.postal_code: … — how to fix`.
"""
from __future__ import annotations

import difflib
import math
import re
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union
from urllib.parse import urlsplit

import phonenumbers
import yaml
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from mkdocs.exceptions import PluginError
from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

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
_ENGLISH = Locale("en")


# The clinic described by the file, or a PluginError listing every problem (file named as the reader gave it).
def load(path: Path, shown_name: str) -> "Clinic":
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PluginError(f"{shown_name}: no such file — check the path given to CLINIC.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PluginError(f"{shown_name}: cannot be read ({error}) — save it as UTF-8 text.") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader that refuses repeated keys
    except yaml.YAMLError as error:
        raise PluginError(f"{shown_name}: not valid YAML ({_where(error)}) — check the indentation, "
                          "and put text containing ': ' or starting with # in quotes.") from None
    if not isinstance(data, dict):
        raise PluginError(f"{shown_name}: must hold the clinic's fields (name:, address:, …) — "
                          "start from data/demo-clinic.yml.")
    try:
        return Clinic.model_validate(data, context={"folder": path.parent})
    except ValidationError as error:
        problems = [f"{shown_name}: {_explain(problem)}" for problem in error.errors()]
        raise PluginError("\n".join(problems)) from None


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


Text = Annotated[str, Field(min_length=1)]


class _Fields(BaseModel):
    """Fields of the clinic file: every key must be known, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Localized(_Fields):
    fr: Text
    en: Text


Translatable = Annotated[Localized, BeforeValidator(_localized)]


# A language code a reader can be shown in their own language ("es" is "espagnol" or "Spanish").
def _language(value: Any) -> str:
    code = str(value).strip().lower()
    if code not in _ENGLISH.languages:
        raise _problem(f"{value!r} is not a language code — write two letters, e.g. fr, en, es, de, it, ar")
    return code


class Practitioner(_Fields):
    name: Text
    title: Translatable
    qualifications: list[Translatable] = []
    languages: list[Annotated[str, BeforeValidator(_language)]] = ["fr"]


class Address(_Fields):
    street: Text
    city: Text
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
    parts = urlsplit(str(value).strip()) if isinstance(value, str) else None
    if parts is None or parts.scheme not in schemes or not parts.hostname or "." not in parts.hostname:
        start = " or ".join(f"{scheme}://" for scheme in schemes)
        raise _problem(f"{value!r} is not a full web address — write it starting with {start}, "
                       "as in the browser's address bar")
    return str(value).strip()


class Host(_Fields):
    name: Text
    address: Text
    phone: str

    _check_phone = field_validator("phone", mode="before")(_phone)


class Legal(_Fields):
    publisher: Text
    director: Text
    host: Host
    rpps: Optional[str] = None
    siret: Optional[str] = None

    # The physician's RPPS number: 11 digits.
    @field_validator("rpps", mode="before")
    @classmethod
    def _rpps(cls, value: Any) -> Optional[str]:
        digits = re.sub(r"\s", "", str(value)) if value is not None else None
        if digits is not None and not re.fullmatch(r"\d{11}", digits):
            raise _problem(f"{value!r} is not an RPPS number — write its 11 digits, in quotes")
        return digits

    # The business's SIRET number: 14 digits passing the Luhn check.
    @field_validator("siret", mode="before")
    @classmethod
    def _siret(cls, value: Any) -> Optional[str]:
        digits = re.sub(r"\s", "", str(value)) if value is not None else None
        if digits is not None and (not re.fullmatch(r"\d{14}", digits) or not _luhn(digits)):
            raise _problem(f"{value!r} is not a SIRET number (14 digits with a valid check digit) — "
                           "copy it again from the INSEE notice or annuaire-entreprises.data.gouv.fr")
        return digits


class Clinic(_Fields):
    """The clinic file, as the templates see it in config.extra.clinic."""

    name: Text
    # Example data (the demo clinic): every page says so, so that nobody publishes it by mistake.
    example: bool = False
    practitioners: list[Practitioner] = Field(min_length=1)
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

    # The site's public root, https, ending with "/": canonical URLs and the server's name come from it.
    @field_validator("site_url", mode="before")
    @classmethod
    def _site_url(cls, value: Any) -> str:
        url = _url(value, ("https",))
        parts = urlsplit(url)
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise _problem(f"{value!r} must be the root of a site, without a folder — host the site on its own "
                           "(sub)domain, e.g. https://mesotherapie.cabinet-dupont.fr/")
        return f"https://{parts.netloc.lower()}/"

    # An image file next to the clinic file, small enough for a header.
    @field_validator("logo", mode="before")
    @classmethod
    def _logo(cls, value: Any, info: ValidationInfo) -> Optional[str]:
        if value is None:
            return None
        path = info.context["folder"] / str(value)
        if path.suffix.lower() not in LOGO_TYPES:
            raise _problem(f"{value!r} is not an image the site can show — use an .svg, .png, .jpg or .webp file")
        if not path.is_file():
            raise _problem(f"{value!r} not found next to the clinic file — give its path from the clinic file's folder")
        if path.stat().st_size > LOGO_MAX_BYTES:
            raise _problem(f"{value!r} weighs {path.stat().st_size // 1000} kB — shrink it under "
                           f"{LOGO_MAX_BYTES // 1000} kB (it shows 24 pixels high)")
        return str(path.resolve())

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
}


# One problem as one line: "address.postal_code: … — how to fix".
def _explain(problem: dict) -> str:
    location = _location(problem["loc"])
    if problem["type"] == "clinic":
        return f"{location}: {problem['msg']}."
    if problem["type"] == "extra_forbidden":
        known = _known_fields(problem["loc"][:-1])
        close = difflib.get_close_matches(str(problem["loc"][-1]), known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"{location}: unknown field{hint} — the fields here are: {', '.join(known)}."
    kind = "string_too_short" if problem["type"] == "too_short" and isinstance(problem["input"], str) else problem["type"]
    fix = _FIXES.get(kind, f"{problem['msg']} — see the clinic file fields in README.md")
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


# The Luhn check digit test that SIREN and SIRET numbers pass.
def _luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


# "line 3, column 5: …" for a YAML syntax error.
def _where(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "syntax error"
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark else problem


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key written twice (the second would silently win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key} is written twice — keep one", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)
