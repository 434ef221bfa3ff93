from django.urls import path, register_converter

from . import views


class QuestionNumber:
    """A question's number as the site writes it (12, never 012): one address per page, so that no spelling of it
    makes another entry in the page cache or among the pages kept (core.kept_pages)."""

    regex = "[1-9][0-9]*"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(QuestionNumber, "question_number")

app_name = "faq"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("cast/", views.cast, name="cast"),
    path("q/<question_number:number>/", views.question, name="question"),
    path("<slug:slug>/", views.section, name="section"),
]
