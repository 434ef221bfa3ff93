"""Load the handbook data file (faq/data/handbook.json) into the database, idempotently.

The handbook's own words (question, answer, asker, captions, section) are refreshed from the
file on every run. What staff edit (review dates, keywords, related questions, calculator links,
the short title, first taken from faq/data/comic.json) is only set when a question is first created
(a short title also when it is empty), so a rerun never loses an edit. The notice is
refreshed from the file as long as no person has changed it: a corrected notice in the file then
reaches every database, while one that staff rewrote in the admin stays theirs. The 常见问法
(faq/data/ways_of_asking.json) are treated the same way: the file's until a person edits them.
"""

import json
from pathlib import Path

from django.db import transaction

from .comic import titles
from .models import Handbook, Question, Section
from .search import load_ways_of_asking

DATA_FILE = Path(__file__).resolve().parent / "data" / "handbook.json"

HANDBOOK_REASON = "手册原文更新"
NOTICE_REASON = "提示随数据文件更新"
WAYS_REASON = "常见问法随数据文件更新"
LOADER_REASONS = {HANDBOOK_REASON, NOTICE_REASON, WAYS_REASON}
WAYS_FIELDS = ("ways_of_asking",)


def read_handbook(path: Path = DATA_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def notice_fields(notice: dict | None) -> dict:
    """The model's notice fields from the data file's `notice` object (null: no notice)."""
    notice = notice or {}
    return {
        "policy_update": "\n".join(notice.get("text", [])),
        "notice_kind": notice.get("kind", ""),
        "notice_citation": notice.get("citation", ""),
        "notice_source": "\n".join(notice.get("source", [])),
    }


def _question_fields(item: dict, sections: dict) -> tuple[dict, dict, dict]:
    handbook_owned = {
        "section": sections[item["section"]],
        "question": item["question"],
        "answer": "\n".join(item["answer"]),
        "asker_name": item["asker"]["name"],
        "captions": item.get("captions", []),
    }
    staff_owned = {
        "keywords": " ".join(item.get("keywords", [])),
        "related": item.get("related", []),
        "calculator": item.get("calculator") or "",
        "calculator_prefill": item.get("calculator_prefill") or {},
    }
    return handbook_owned, staff_owned, notice_fields(item.get("notice"))


def edited_by_people(fields: tuple[str, ...]) -> set[int]:
    """Question ids whose `fields` were changed by anyone but this loader (an admin save, a revert, a
    restore, a shell), read from the history: each record is compared with the one before it."""
    edited, previous = set(), {}
    records = Question.history.order_by("id", "history_date", "history_id")
    for record in records.values("id", "history_user_id", "history_change_reason", *fields):
        values = tuple(record[name] for name in fields)
        by_loader = record["history_user_id"] is None and record["history_change_reason"] in LOADER_REASONS
        if record["id"] in previous and values != previous[record["id"]] and not by_loader:
            edited.add(record["id"])
        previous[record["id"]] = values
    return edited


def notices_edited_by_people() -> set[int]:
    return edited_by_people(Question.NOTICE_FIELDS)


def _refresh(question: Question, values: dict, reason: str) -> bool:
    if all(getattr(question, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(question, name, value)
    question._change_reason = reason
    question.save()
    return True


@transaction.atomic
def load_handbook(data: dict, ways: dict[int, list[str]] | None = None) -> dict:
    """Create or refresh the handbook and its 常见问法 (load_ways_of_asking() unless given); returns counts
    of what was created and updated."""
    ways = load_ways_of_asking() if ways is None else ways
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
    counts = {"created": 0, "updated": 0, "notices": 0, "ways": 0}
    existing = {q.number: q for q in Question.objects.all()}
    edited = notices_edited_by_people() if existing else set()
    ways_edited = edited_by_people(WAYS_FIELDS) if existing else set()
    short_titles = titles()
    for item in data["questions"]:
        handbook_owned, staff_owned, notice = _question_fields(item, sections)
        short_title = {"short_title": short_titles.get(item["number"], "")}
        ways_of_asking = {"ways_of_asking": "\n".join(ways.get(item["number"], ()))}
        question = existing.get(item["number"])
        if question is None:
            Question.objects.create(
                number=item["number"], **handbook_owned, **staff_owned, **notice, **short_title, **ways_of_asking
            )
            counts["created"] += 1
            continue
        if not question.short_title:  # an emptied title takes the comic's again
            handbook_owned = {**handbook_owned, **short_title}
        counts["updated"] += _refresh(question, handbook_owned, HANDBOOK_REASON)
        if question.pk not in edited:
            counts["notices"] += _refresh(question, notice, NOTICE_REASON)
        if question.pk not in ways_edited:
            counts["ways"] += _refresh(question, ways_of_asking, WAYS_REASON)
    return counts


def load_handbook_if_empty() -> None:
    if not Question.objects.exists():
        load_handbook(read_handbook())


def notice_before_kinds(item: dict) -> None:
    """Backups written before notices had a kind, citation and source (faq 0003): every notice was then
    shown as 政策已更新, so it is restored as one, as the migration did to the rows of that time."""
    if isinstance(item, dict) and "notice_kind" not in item:
        item.update(notice_kind="updated" if item.get("policy_update") else "", notice_citation="", notice_source="")
