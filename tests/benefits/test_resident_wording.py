"""Residents read only residents' words: no file name, §, seed document, data-entry state or engine term
on any result page of any wizard's typical path, nor in what the API returns for those answers."""

import re
from urllib.parse import urlencode

import pytest

from benefits.engine.examples import EXAMPLES
from benefits.wizards import WIZARDS

from .wizard_paths import PATHS

pytestmark = pytest.mark.django_db
IDS = [p.slug for p in PATHS]

# Words only developers and staff use: file names, section signs, the seed documents, the data-entry
# state ("录入"), the engine's own terms.
DEVELOPER_WORDING = re.compile(r"\.md|\.ya?ml|\.json|\.py\b|§|种子|rules-2023|录入|snapshot|本系统|None|null|\{|\}")


def visible_text(html: str) -> str:
    """The text a resident reads: tags, scripts and attribute values dropped."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>|<svg\b.*?</svg>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def developer_words(text: str) -> list[str]:
    return [match.group(0) for match in DEVELOPER_WORDING.finditer(text)]


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_a_result_page_speaks_residents_words(client, path):
    text = visible_text(client.get(f"/calc/{path.slug}/result/", path.query).content.decode())
    assert developer_words(text) == [], text


def api_words(body: dict) -> str:
    """What the API hands on to be shown: warnings, each step's label, formula and source, the documents."""
    steps = [f"{s.get('label', '')} {s.get('formula', '')} {s.get('source', '')}" for s in body.get("steps", [])]
    return " ".join([*body.get("warnings", []), *steps, *body.get("sources", [])])


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_what_the_api_returns_for_a_typical_path_speaks_residents_words(client, path):
    inputs = WIZARDS[path.slug].engine_inputs(path.query)
    text = api_words(client.get(f"/api/calc/{path.slug}/", inputs).json())
    assert developer_words(text) == [], text


@pytest.mark.parametrize("slug", sorted(EXAMPLES))
def test_what_the_api_returns_for_every_calculator_speaks_residents_words(client, slug):
    body = client.get(f"/api/calc/{slug}/?{urlencode(EXAMPLES[slug], doseq=True)}").json()
    text = api_words(body)
    assert text.strip() and developer_words(text) == [], text
