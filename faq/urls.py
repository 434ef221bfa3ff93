from django.urls import path

from . import views

app_name = "faq"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("cast/", views.cast, name="cast"),
    path("q/<int:number>/", views.question, name="question"),
    path("<slug:slug>/", views.section, name="section"),
]
