"""The 48 questions with their sections, read once per content version in this process, for the question pages
(faq.views) and the search index (faq.search_index) alike: a first view after a staff save asks the database
nothing more (the save raises the version in its own transaction, core.content_version, so the rows read are
always those of the version). Callers only read them."""

from core.content_version import content_version

from .models import Question

_handbook = {"version": None, "questions": {}}


def questions_by_number() -> dict[int, Question]:
    """The questions by number, in number order."""
    version = content_version()
    if version != _handbook["version"] or not version:  # 0: the database never answered, keep nothing
        questions = {q.number: q for q in Question.objects.select_related("section").order_by("number")}
        _handbook.update(version=version, questions=questions)
    return _handbook["questions"]
