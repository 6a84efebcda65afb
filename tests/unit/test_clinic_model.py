"""hooks/lib/clinic_file.py: the clinic file read and checked, every problem on one line."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from lib.clinic_file import Clinic, load

# The least a published clinic writes (no demo: the review, fees, RPPS number and convention are required).
MINIMAL = {
    "name": "Cabinet Martin",
    "practitioners": [{"name": "Dr Alice Martin", "title": "Médecin généraliste", "rpps": "19999900004",
                       "convention": "secteur 1"}],
    "medical_review": {"by": "Dr Alice Martin", "date": "2026-01-15", "version": "0123456789ab"},
    "address": {"street": "3 rue des Lilas", "postal_code": "69003", "city": "Lyon"},
    "phone": "04 99 00 12 34",
    "email": "contact@cabinet-martin.fr",
    "hours": {"monday": "09:00-12:30, 14:00-18:00"},
    "site_url": "https://mesotherapie.cabinet-martin.fr",
    "fees": {"consultation": 30, "mesotherapy_session": "40-60", "payment": ["card"]},
    "legal": {"publisher": "Dr Alice Martin", "director": "Dr Alice Martin",
              "host": {"name": "Hébergeur SAS", "address": "2 avenue X, 59100 Roubaix", "phone": "03 53 01 12 34"}},
}


def clinic_file(tmp_path: Path, data: dict | str) -> Path:
    """A clinic file holding the data (or this YAML text)."""
    path = tmp_path / "clinic.yml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problems(tmp_path: Path, data: dict) -> list[str]:
    """The lines of the error the clinic file gives."""
    with pytest.raises(PluginError) as error:
        load(clinic_file(tmp_path, data), "clinic.yml")
    return str(error.value).splitlines()


def changed(**fields) -> dict:
    data = copy.deepcopy(MINIMAL)
    for place, value in fields.items():
        *parents, last = place.split("__")
        target = data
        for parent in parents:
            target = target[int(parent)] if parent.isdigit() else target[parent]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return data


def test_a_minimal_clinic_file_is_valid_and_normalised(tmp_path):
    clinic = load(clinic_file(tmp_path, MINIMAL), "clinic.yml")
    assert clinic.name == "Cabinet Martin" and not clinic.example
    assert clinic.site_url == "https://mesotherapie.cabinet-martin.fr/"
    assert clinic.practitioners[0].convention == "sector-1"
    assert clinic.address.country == "FR"
    assert clinic.emergency == "15"
    assert clinic.reviewer()[0] == 1


def test_a_demo_may_leave_out_the_review_fees_and_registration(tmp_path):
    demo = changed(example=True, medical_review=None, fees=None, practitioners__0__rpps=None,
                   practitioners__0__convention=None)
    clinic = Clinic.model_validate(demo, context={"folder": tmp_path, "file": "clinic.yml", "example": True,
                                                  "recording_review": False})
    assert clinic.example and clinic.reviewer() is None


@pytest.mark.parametrize("fields, expected", [
    ({"address__postal_code": "6903"},
     "clinic.yml: address.postal_code: '6903' is not a French postal code — write its 5 digits in quotes, e.g. \"75011\"."),
    ({"name": None}, "clinic.yml: name: missing — add it."),
    ({"name": ""}, "clinic.yml: name: is empty — write it."),
    ({"practitioners": []}, "clinic.yml: practitioners: must list at least one — add one \"- …\" entry."),
    ({"practitioners__0__rpps": "19999900005"},
     "clinic.yml: practitioners.1.rpps: "),
    ({"site_url": "http://mesotherapie.cabinet-martin.fr/"}, "clinic.yml: site_url: "),
    ({"site_url": "https://cabinet-martin.fr/meso/"},
     "clinic.yml: site_url: 'https://cabinet-martin.fr/meso/' must be the root of a site, without a folder — host the "
     "site on its own (sub)domain, e.g. https://mesotherapie.cabinet-dupont.fr/."),
    ({"emergency": "quinze"},
     "clinic.yml: emergency: 'quinze' is not a number to dial — write its digits only, e.g. 15 (or 112)."),
    ({"testimonials": ["Super !"]},
     "clinic.yml: testimonials: not allowed — the Ordre des médecins' charter for doctors' websites forbids "
     "testimonials, patients' ratings and rankings; remove it."),
    ({"adress": {"street": "x"}}, "clinic.yml: adress: unknown field (did you mean address?) — the fields here are: "),
    ({"medical_review__by": "Dr Paul Autre"},
     "clinic.yml: medical_review: by: 'Dr Paul Autre' is not one of the practitioners — write the name exactly as "
     "under practitioners: Dr Alice Martin."),
    ({"medical_review": None}, "clinic.yml: medical_review: missing — one of the practice's physicians must read"),
])
def test_a_wrong_field_gives_one_line_naming_it_and_the_fix(tmp_path, fields, expected):
    lines = problems(tmp_path, changed(**fields))
    assert len(lines) == 1, lines
    assert lines[0].startswith(expected), lines[0]
    assert " — " in lines[0]


def test_every_problem_is_listed_one_line_each(tmp_path):
    lines = problems(tmp_path, changed(name=None, email="not-an-address", address__postal_code="1"))
    assert [line.split(":")[1].strip() for line in lines] == ["name", "address.postal_code", "email"]


def test_a_key_written_twice_is_refused_with_its_line(tmp_path):
    with pytest.raises(PluginError, match=r"^clinic\.yml: .*line 2.*name is written twice — keep one"):
        load(clinic_file(tmp_path, "name: A\nname: B\n"), "clinic.yml")


def test_a_missing_file_and_a_list_are_explained(tmp_path):
    with pytest.raises(PluginError, match=r"^nowhere\.yml: no such file — check the path given to CLINIC\.$"):
        load(tmp_path / "nowhere.yml", "nowhere.yml")
    with pytest.raises(PluginError, match=r"^clinic\.yml: must hold the clinic's fields"):
        load(clinic_file(tmp_path, "- name: A\n"), "clinic.yml")
