from django.urls import path

from . import views, wizard_views

urlpatterns = [
    path("", views.home, name="home"),
    path("calc/", views.hub, name="calc-hub"),
    path("calc/<slug:slug>/", wizard_views.start, name="wizard-start"),
    path("calc/<slug:slug>/check/", wizard_views.check, name="wizard-check"),
    path("calc/<slug:slug>/result/", wizard_views.result, name="wizard-result"),
    path("calc/<slug:slug>/<slug:name>/", wizard_views.step, name="wizard-step"),
    path("api/", views.api_docs, name="api-docs"),
    path("api/calc/<str:slug>/", views.calculate, name="api-calc"),
]
