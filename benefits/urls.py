from django.urls import path

from . import views

urlpatterns = [
    path("calc/", views.hub, name="calc-hub"),
    path("api/", views.api_docs, name="api-docs"),
    path("api/calc/<str:slug>/", views.calculate, name="api-calc"),
]
