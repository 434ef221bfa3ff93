"""The form behind a wizard step: one answer, checked by the engine's own input rules."""

from datetime import date

from django import forms

from .engine.inputs import FieldError
from .wizard import UNSURE, Ask, Wizard, validate


class AnswerForm(forms.Form):
    """One question's answer. `unsure` is the 不确定 button; the engine's message becomes the field error."""

    def __init__(self, wizard: Wizard, ask: Ask, data, today: date):
        super().__init__(data)
        self.wizard, self.ask, self.today = wizard, ask, today
        self.fields[ask.name] = forms.CharField(required=False, strip=False)
        self.fields["unsure"] = forms.BooleanField(required=False)

    def raw_answer(self) -> str:
        if self.ask.kind == "multi":
            return ",".join(v for v in self.data.getlist(self.ask.name) if v)
        return self.data.get(self.ask.name, "")

    def clean(self):
        raw = UNSURE if self.cleaned_data.get("unsure") else self.raw_answer()
        try:
            self.cleaned_data["answer"] = validate(self.wizard, self.ask, raw, self.today)
        except FieldError as error:
            self.add_error(self.ask.name, str(error))
        return self.cleaned_data
