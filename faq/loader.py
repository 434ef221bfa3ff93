"""Load the handbook data file (faq/data/handbook.json) into the database, idempotently.

The handbook's own words (question, answer, asker, captions, section) are refreshed from the
file on every run; what staff edit (policy notes, review dates, keywords, related questions,
calculator links) is only set when a question is first created, so a rerun never loses an edit.
"""

import json
from pathlib import Path

from django.db import transaction

from .models import Handbook, Question, Section

DATA_FILE = Path(__file__).resolve().parent / "data" / "handbook.json"

STAFF_FIELDS = ("keywords", "related", "calculator", "calculator_prefill", "policy_update")


def read_handbook(path: Path = DATA_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _question_fields(item: dict, sections: dict) -> tuple[dict, dict]:
    handbook_owned = {
        "section": sections[item["section"]],
        "question": item["question"],
        "answer": "\n".join(item["answer"]),
        "asker_name": item["asker"]["name"],
        "asker_figure": item["asker"]["figure"],
        "captions": item.get("captions", []),
    }
    staff_owned = {
        "keywords": " ".join(item.get("keywords", [])),
        "related": item.get("related", []),
        "calculator": item.get("calculator") or "",
        "calculator_prefill": item.get("calculator_prefill") or {},
        "policy_update": item.get("policy_update") or "",
    }
    return handbook_owned, staff_owned


@transaction.atomic
def load_handbook(data: dict) -> dict:
    """Create or refresh the handbook; returns counts of what was created and updated."""
    Handbook.objects.update_or_create(
        pk=1,
        defaults={
            "title": data["title"],
            "publisher": data["publisher"],
            "source": data["source"],
            "introduction": "\n".join(data["introduction"]),
        },
    )
    sections = {}
    for item in data["sections"]:
        sections[item["number"]], _ = Section.objects.update_or_create(
            number=item["number"], defaults={"slug": item["slug"], "title": item["title"]}
        )
    counts = {"created": 0, "updated": 0}
    existing = {q.number: q for q in Question.objects.all()}
    for item in data["questions"]:
        handbook_owned, staff_owned = _question_fields(item, sections)
        question = existing.get(item["number"])
        if question is None:
            Question.objects.create(number=item["number"], **handbook_owned, **staff_owned)
            counts["created"] += 1
        elif any(getattr(question, name) != value for name, value in handbook_owned.items()):
            for name, value in handbook_owned.items():
                setattr(question, name, value)
            question._change_reason = "手册原文更新"
            question.save()
            counts["updated"] += 1
    return counts


def load_handbook_if_empty() -> None:
    if not Question.objects.exists():
        load_handbook(read_handbook())
