"""Validators for the vendored open-data standards (tests/standards/), offline: no schema is fetched."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft3Validator, FormatChecker
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

STANDARDS = Path(__file__).resolve().parent.parent / "standards"
POPOLO = STANDARDS / "popolo" / "schemas"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

# jsonschema checks "date-time" only when rfc3339-validator is installed; check it here regardless.
FORMATS = FormatChecker()
FORMATS.checks("date-time")(lambda value: not isinstance(value, str) or bool(RFC3339.match(value)))
FORMATS.checks("email")(lambda value: not isinstance(value, str) or "@" in value)
FORMATS.checks("uri")(lambda value: not isinstance(value, str) or bool(re.match(r"^[a-z][a-z0-9+.-]*:", value)))


@cache
def popolo_registry() -> Registry:
    resources = []
    for path in POPOLO.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT3)))
    return Registry().with_resources(resources)


@cache
def popolo_validator(name: str) -> Draft3Validator:
    schema = json.loads((POPOLO / f"{name}.json").read_text(encoding="utf-8"))
    return Draft3Validator(schema, registry=popolo_registry(), format_checker=FORMATS)


def popolo_errors(name: str, obj: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in popolo_validator(name).iter_errors(obj)]


@cache
def akn_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(STANDARDS / "akoma-ntoso-3.0" / "akomantoso30.xsd")))


def akn_errors(document: bytes) -> list[str]:
    schema = akn_schema()
    if schema.validate(etree.fromstring(document)):
        return []
    return [str(e) for e in schema.error_log]
