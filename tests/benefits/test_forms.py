"""The one form layer (benefits/forms.py): each wizard question is a real Django field chosen by the type
of the engine input behind it, checked by the engine's parser, with messages in the question's words."""

import re
from urllib.parse import urlencode

import pytest
from django import forms
from django.http import QueryDict

from benefits.engine.inputs import Day, Integer, Money, YearMonth
from benefits.forms import AnswerForm, checked, describe
from benefits.wizard import Ask
from benefits.wizards import WIZARDS

from .wizard_paths import PATHS

# The enrolment bands and the hospital list are read from the database when a question is drawn.
pytestmark = pytest.mark.django_db

INPATIENT = WIZARDS["inpatient"]
EARLIER = {"insured": "employee", "tier": "1"}
NESTED_BRACKETS = re.compile(r"（[^）]*（")


def submit(wizard, name, query: str, answers=EARLIER) -> AnswerForm:
    """The step's form as the browser sends it (a GET query string)."""
    return AnswerForm(wizard, wizard.ask(name), answers, data=QueryDict(f"{query}&step={name}"))


# ---------------------------------------------------------------- money, in the question's words


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("50000", "50000"),
        ("一万", "10000"),
        ("1万", "10000"),
        ("1.2万", "12000"),  # 1.2 × 10,000
        ("5千", "5000"),
        ("12,000", "12000"),
        ("12,000元", "12000"),
        ("5000元", "5000"),
        ("１２０００", "12000"),  # full-width digits
        ("１.５万元", "15000"),
        ("两万五", "25000"),  # 两万 + 五千, as people say it
        ("12345.50", "12345.5"),
        ("￥88", "88"),
    ],
)
def test_money_is_read_as_people_write_it_and_kept_in_one_spelling(typed, kept):
    form = submit(INPATIENT, "amount", f"amount={typed}")
    assert form.is_valid(), form.errors
    assert form.answer == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("很多", "请用数字填写这次住院医保范围内的费用，例如 50000 或 5万。"),
        ("五万多", "请用数字填写这次住院医保范围内的费用，例如 50000 或 5万。"),
        ("-100", "请用数字填写这次住院医保范围内的费用，例如 50000 或 5万。"),
        ("", "请填写这次住院医保范围内的费用，例如 50000 或 5万。"),
        ("12.345", "这次住院医保范围内的费用最多填到分（小数点后两位），例如 50000 或 5万。"),
        ("2亿", "请用数字填写这次住院医保范围内的费用，例如 50000 或 5万。"),
        ("100000000.01", "这次住院医保范围内的费用不能超过1亿元，请核对，例如 50000 或 5万。"),
        ("9" * 300, "填写的内容太长了，请只填写这次住院医保范围内的费用，例如 50000 或 5万。"),
    ],
)
def test_money_garbage_gets_the_questions_own_message(typed, message):
    form = submit(INPATIENT, "amount", f"amount={typed}")
    assert not form.is_valid()
    assert form.errors["amount"] == [message]


def test_the_contribution_income_message_follows_the_persons_category():
    wizard = WIZARDS["contribution"]
    for category, subject in (("employee", "您每月的税前工资"), ("flexible", "您申报的月收入")):
        form = submit(wizard, "income", "income=很多", answers={"category": category, "tier": "1"})
        assert form.errors["income"] == [f"请用数字填写{subject}，例如 12000 或 1.2万。"]
        assert "月工资收入（或申报收入" not in form.errors["income"][0]  # never the engine's label


# ---------------------------------------------------------------- dates: 年 月 日 boxes


@pytest.mark.parametrize(
    ("year", "month", "day", "kept"),
    [
        ("2026", "3", "1", "2026-03-01"),
        ("2026", "03", "01", "2026-03-01"),
        ("２０２４", "２", "２９", "2024-02-29"),  # full-width, a leap day
        ("", "", "", ""),  # optional: left empty, the day of calculation
    ],
)
def test_a_date_is_three_boxes(year, month, day, kept):
    form = submit(INPATIENT, "date", f"date_0={year}&date_1={month}&date_2={day}")
    assert form.is_valid(), form.errors
    assert form.answer == kept


@pytest.mark.parametrize(
    ("year", "month", "day", "message"),
    [
        ("2026", "2", "30", "2026年2月没有30日，请核对看病（结算）的日期，例如 2026年3月1日。"),
        ("2025", "2", "29", "2025年2月没有29日，请核对看病（结算）的日期，例如 2026年3月1日。"),
        ("2026", "13", "1", "看病（结算）的日期不是一个存在的日期，请核对年、月、日，例如 2026年3月1日。"),
        ("2026", "3", "", "看病（结算）的日期要填年、月、日，例如 2026年3月1日。"),
        ("明年", "3", "1", "看病（结算）的日期不是一个存在的日期，请核对年、月、日，例如 2026年3月1日。"),
        ("1999", "12", "31", "看病（结算）的日期应在2000年到2100年之间，例如 2026年3月1日。"),
    ],
)
def test_an_impossible_date_gets_the_questions_own_message(year, month, day, message):
    form = submit(INPATIENT, "date", f"date_0={year}&date_1={month}&date_2={day}")
    assert form.errors["date"] == [message]


def test_a_month_is_two_boxes():
    wizard = WIZARDS["enrollment"]
    assert submit(wizard, "start", "start_0=2018&start_1=7", answers={}).answer == "2018-07"
    form = submit(wizard, "start", "start_0=2018&start_1=", answers={})
    assert form.errors["start"] == ["开始缴医保的月份要填年和月，例如 2018年7月。"]


def test_a_stored_date_fills_the_boxes_again():
    form = AnswerForm(INPATIENT, INPATIENT.ask("date"), {**EARLIER, "date": "2026-03-01"})
    html = str(form["date"])
    assert 'name="date_0" value="2026"' in html and 'name="date_1" value="3"' in html
    assert 'type="date"' not in html  # no browser date picker


# ---------------------------------------------------------------- fields follow the engine's types


def field_of(wizard, name):
    return AnswerForm(wizard, wizard.ask(name), {}).fields[name]


@pytest.mark.parametrize(
    ("slug", "name", "widget"),
    [
        ("inpatient", "insured", forms.RadioSelect),  # a choice the wizard asks in plain words
        ("inpatient", "level", forms.RadioSelect),  # the engine's choice, reworded
        ("inpatient", "retired", forms.RadioSelect),  # the engine's yes/no
        ("maternity", "surgeries", forms.CheckboxSelectMultiple),
        ("inpatient", "amount", forms.TextInput),
        ("inpatient", "continuous_months", forms.RadioSelect),  # bands of years, not a number of months
        ("inpatient", "age", forms.TextInput),
        ("inpatient", "date", forms.MultiWidget),
        ("enrollment", "start", forms.MultiWidget),
    ],
)
def test_each_question_gets_the_field_its_engine_input_calls_for(slug, name, widget):
    assert isinstance(field_of(WIZARDS[slug], name).widget, widget)


def test_money_and_numbers_ask_for_the_right_keyboard_and_show_their_unit():
    amount, age = field_of(INPATIENT, "amount"), field_of(INPATIENT, "age")
    assert amount.widget.attrs["inputmode"] == "decimal" and amount.unit == "元"
    assert age.widget.attrs["inputmode"] == "numeric" and age.unit == "岁"


def test_a_question_may_override_the_parser_the_widget_and_a_message():
    def whole_yuan(text):
        return Money("amount", "金额").parse(text.removesuffix("整"))

    ask = Ask(
        "amount",
        "这次花了多少钱？",
        subject="这次花的钱",
        example="300",
        parse=whole_yuan,
        widget=forms.Textarea,
        messages={"invalid": "{subject}写成数字就好，例如 {example}。"},
    )
    wizard = INPATIENT.__class__(slug="inpatient", title="t", situation="s", lead="l", asks=(ask,))
    assert submit(wizard, "amount", "amount=300元整", answers={}).answer == "300"
    refused = submit(wizard, "amount", "amount=好多", answers={})
    assert refused.errors["amount"] == ["这次花的钱写成数字就好，例如 300。"]
    assert isinstance(field_of(wizard, "amount").widget, forms.Textarea)


@pytest.mark.parametrize("wizard", WIZARDS.values(), ids=WIZARDS.keys())
def test_every_typed_question_has_its_own_words_for_errors(wizard):
    """Each question that is typed (not chosen) names what it asks and gives an example."""
    for ask in wizard.asks:
        engine_input = wizard.input_of(ask)
        if isinstance(engine_input, Money | Integer | Day | YearMonth) or not ask.options:
            answers = {"category": "employee"}
            assert ask.subject_text(answers) and ask.example, (wizard.slug, ask.name)
            assert engine_input.label not in ask.subject_text(answers), (wizard.slug, ask.name)


# ---------------------------------------------------------------- 不确定


def test_unsure_is_a_radio_among_the_options_and_a_button_beside_a_box():
    level = AnswerForm(INPATIENT, INPATIENT.ask("level"), EARLIER)
    assert ("unsure", "不确定") in [(v, str(label)) for v, label in level.fields["level"].choices]
    assert not level.unsure_button
    paid = submit(INPATIENT, "fund_paid_before", "fund_paid_before=&unsure=1")
    assert paid.is_valid() and paid.answer == "unsure"
    assert AnswerForm(INPATIENT, INPATIENT.ask("fund_paid_before"), EARLIER).unsure_button


def test_unsure_is_refused_where_it_is_not_offered():
    form = submit(INPATIENT, "amount", "amount=&unsure=1")
    assert form.errors["amount"] == ["请填写这次住院医保范围内的费用，例如 50000 或 5万。"]


@pytest.mark.parametrize("wizard", WIZARDS.values(), ids=WIZARDS.keys())
def test_no_brackets_inside_brackets_in_any_question_option_or_answer(wizard):
    """ "不确定（按刚参保计算（…））" reads badly; a note follows a colon instead."""
    for ask in wizard.asks:
        words = [ask.text({}), ask.hint_text({}), ask.unsure_note, *(o.label + o.hint for o in ask.options)]
        if ask.offers_unsure:
            words.append(describe(wizard, ask, "unsure"))
        for text in words:
            assert not NESTED_BRACKETS.search(text), (wizard.slug, ask.name, text)


# ---------------------------------------------------------------- check and result: every answer as its step


@pytest.mark.parametrize("path", PATHS, ids=[p.slug for p in PATHS])
def test_a_typical_path_has_no_problem_and_is_already_in_its_one_spelling(path):
    assert checked(WIZARDS[path.slug], path.query) == (None, path.query)


def test_the_first_refused_answer_is_found_as_its_step_would_refuse_it():
    answers = {**PATHS[0].query, "amount": "很多", "continuous_months": "【医保局通知】您的医保卡已冻结"}
    assert checked(INPATIENT, answers)[0].name == "amount"
    assert checked(INPATIENT, {**answers, "amount": "5万"})[0].name == "continuous_months"
    problem, spelled = checked(INPATIENT, {**answers, "amount": "5万", "continuous_months": "０８０"})
    assert problem is None and spelled == PATHS[0].query  # 5万 → 50000, ０８０ months → its band 满6年: 72


def test_the_answers_read_back_in_words():
    words = {a.name: describe(INPATIENT, a, PATHS[0].query[a.name]) for a in INPATIENT.applicable(PATHS[0].query)}
    assert words["insured"] == "职工医保"
    assert words["amount"] == "50,000元"  # as typed: a whole amount is read back without .00
    assert words["continuous_months"] == "满6年及以上（按满6年计算）"
    assert words["date"] == "2026年3月1日"
    unsure_level = describe(INPATIENT, INPATIENT.ask("level"), "unsure")
    assert unsure_level == "不确定：按三级医院计算（报销比例最低，实际可能报得更多）"
    assert describe(INPATIENT, INPATIENT.ask("date"), "") == "未填（按计算当天）"


@pytest.mark.parametrize(
    ("name", "raw", "kept"),
    [("insured", "employee", "employee"), ("amount", "5万", "50000"), ("date", "2026-3-1", "2026-03-01")],
)
def test_one_answer_is_checked_as_its_step_checks_it(name, raw, kept):
    from benefits.wizard import validate

    assert validate(INPATIENT, INPATIENT.ask(name), raw) == kept


def test_one_refused_answer_raises_the_steps_message():
    from benefits.engine.inputs import FieldError
    from benefits.wizard import validate

    with pytest.raises(FieldError, match="请从下面的选项中选择一项") as refused:
        validate(INPATIENT, INPATIENT.ask("insured"), "boss")
    assert refused.value.code == "invalid"


def test_every_form_draws_with_one_template_engine():
    # a renderer per form would build a template engine per form, and read and compile every widget
    # template again on each page that draws one
    level, amount = (submit(INPATIENT, name, f"{name}=3") for name in ("level", "amount"))
    assert level.renderer is amount.renderer
    assert str(level[level.ask.name]) and level.renderer.engine is amount.renderer.engine


def test_an_answer_checked_before_is_not_checked_again_until_a_staff_save(monkeypatch):
    from benefits import forms as form_layer
    from core.content_version import bump_content_version

    built = []
    real = form_layer.field_spelling  # the step form's check, by its field (test below)
    monkeypatch.setattr(form_layer, "field_spelling", lambda *a: built.append(a[1].name) or real(*a))
    form_layer.SPELLINGS.forget()
    amount = INPATIENT.ask("amount")
    assert form_layer.stored_spelling(INPATIENT, amount, "5万") == "50000"  # checked as by the step's form
    assert form_layer.stored_spelling(INPATIENT, amount, "5万") == "50000"  # remembered
    assert form_layer.stored_spelling(INPATIENT, amount, "五万块") is None  # refused, and remembered so
    assert form_layer.stored_spelling(INPATIENT, amount, "五万块") is None
    assert built == ["amount", "amount"]
    bump_content_version()  # a staff save: what a question accepts may have changed (bands, hospitals)
    assert form_layer.stored_spelling(INPATIENT, amount, "5万") == "50000"
    assert built == ["amount", "amount", "amount"]


def test_an_answer_checked_yesterday_is_checked_again_today(monkeypatch):
    # what a question accepts may change at midnight with no staff save (a scheduled row of the enrolment bands
    # comes into force): the spellings are remembered for one day
    from datetime import date
    from unittest import mock

    from benefits import forms as form_layer

    built = []
    real = form_layer.field_spelling
    monkeypatch.setattr(form_layer, "field_spelling", lambda *a: built.append(a[2]) or real(*a))
    months = INPATIENT.ask("continuous_months")
    for day in (date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 2)):
        with mock.patch("django.utils.timezone.localdate", return_value=day):
            assert form_layer.stored_spelling(INPATIENT, months, "80") == "72"  # 满6年及以上: the band's first month
    assert built == ["80", "80"]  # checked on the 1st, remembered that day, checked again on the 2nd


STORED = [
    "",
    "unsure",
    "0",
    "1",
    "12",
    "5万",
    "1.2万",
    "50000.005",
    "-3",
    "abc",
    "<script>",
    "2026-03-01",
    "2026-02-30",
    "2018-07",
    "1",
    "2",
    "3",
    "true",
    "false",
    "employee",
    "a,b",
    "3:50000",
    "h1",  # a hospital of the staff's list (none in the test database): refused alike
    "9" * 300,
]


def answers_to_try(ask) -> tuple[str, ...]:
    """A question's samples, its options and the stored answers above, each checked both ways below."""
    return (*ask.samples(), *(o.value for o in ask.current_options()), *STORED)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(WIZARDS))
def test_a_stored_answer_is_checked_by_its_field_exactly_as_by_its_steps_form(slug):
    # the check and result pages check each stored answer by the question's field alone (forms.field_spelling)
    from benefits.forms import field_spelling

    wizard = WIZARDS[slug]
    for ask in wizard.asks:
        for answer in answers_to_try(ask):
            form = AnswerForm(wizard, ask, {ask.name: answer}, data={ask.name: answer}, carried=False)
            assert field_spelling(wizard, ask, answer) == form.answer, (ask.name, answer)


def sent_queries(ask, answer: str) -> list[str]:
    """The ways a step's form may send one answer: alone, repeated, as boxes (a date's 年/月/日, a month's), with
    the 不确定 button beside it, left out."""
    name = ask.name
    pair = urlencode({name: answer})
    return [
        pair,
        f"{pair}&unsure=1",
        f"{pair}&{urlencode({name: '1'})}",  # repeated: a box reads the last, several choices read all
        f"{urlencode({name + '_0': answer, name + '_1': '3', name + '_2': '1'})}&{pair}",
        urlencode({name + "_0": "2026", name + "_1": answer}),
        urlencode({name + "_1": answer}) + "&unsure=",
        "unsure=1",
        "",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(WIZARDS))
def test_an_answer_sent_is_checked_without_its_form_exactly_as_by_its_form(slug):
    # an answer sent redirects on forms.sent_answer's check; the step's form draws only a refused one
    from benefits.forms import sent_answer

    wizard = WIZARDS[slug]
    for ask in wizard.asks:
        for answer in answers_to_try(ask):
            for sent in sent_queries(ask, answer):
                data = QueryDict(f"{sent}&step={ask.name}")
                form = AnswerForm(wizard, ask, EARLIER, data=data)
                assert sent_answer(wizard, ask, data) == form.answer, (ask.name, sent)


def test_an_answer_sent_to_a_question_with_a_widget_of_its_own_is_read_by_that_widget():
    from benefits.forms import sent_answer

    widgets = (forms.Textarea, forms.Textarea(attrs={"rows": 2}), forms.MultiWidget([forms.TextInput()] * 2))
    for widget in widgets:  # a class, an instance, boxes
        ask = Ask("amount", "这次花了多少钱？", subject="这次花的钱", example="300", widget=widget)
        wizard = INPATIENT.__class__(slug="inpatient", title="t", situation="s", lead="l", asks=(ask,))
        for sent in ("amount=5万", "amount=好多", "amount_0=300", ""):
            data = QueryDict(f"{sent}&step=amount")
            assert sent_answer(wizard, ask, data) == AnswerForm(wizard, ask, {}, data=data).answer, sent


def test_a_listed_hospital_is_checked_by_its_field_exactly_as_by_its_steps_form():
    from benefits.forms import field_spelling
    from benefits.models import Hospital

    listed = Hospital.objects.create(name="测试医院", level="2", district="南山区", source="测试名单")
    merged = Hospital.objects.create(name="已合并医院", level="3", district="福田区", source="测试名单", active=False)
    level = INPATIENT.ask("level")
    for answer in (f"h{listed.pk}", f" h{listed.pk} ", f"h{merged.pk}", "h0", f"h{listed.pk}0", "2", "unsure"):
        form = AnswerForm(INPATIENT, level, {"level": answer}, data={"level": answer}, carried=False)
        assert field_spelling(INPATIENT, level, answer) == form.answer, answer
    assert field_spelling(INPATIENT, level, f"h{listed.pk}") == f"h{listed.pk}"
    assert field_spelling(INPATIENT, level, f"h{merged.pk}") is None  # off the list: asked again


# ---------------------------------------------------------------- the earlier answers carried along


def drawn_by_django(form: AnswerForm, names: list[str]) -> str:
    """The hidden inputs as a HiddenInput field of each, drawn by Django's own templates, would write them."""
    own = {"step": form.ask.name, "return": "check"}
    django_form = forms.Form(form.data if form.is_bound else None, initial=form.initial, auto_id="%s-input")
    for name in names:
        django_form.fields[name] = forms.CharField(widget=forms.HiddenInput, initial=own.get(name), required=False)
    return "".join(f"{django_form[name]}\n" for name in names)


@pytest.mark.parametrize(
    ("tier", "sent", "back_to_check"),
    [
        ("1", None, False),  # a question's first view
        ("1", "retired=maybe", False),  # a refused answer, drawn again with its message
        ("1", None, True),  # 修改 from the check page: return=check rides along
        ("", None, False),  # an answer left empty: no value="" written
        ('a"<&>b', "retired=maybe", True),  # escaped as Django escapes it
    ],
)
def test_the_earlier_answers_ride_along_as_djangos_hidden_inputs_would(tier, sent, back_to_check):
    answers = {"insured": "employee", "tier": tier}
    data = QueryDict(f"{sent}&step=retired") if sent else None
    form = AnswerForm(INPATIENT, INPATIENT.ask("retired"), answers, data=data, back_to_check=back_to_check)
    names = ["insured", "tier", "step"] + (["return"] if back_to_check else [])
    assert form.carried_inputs() == drawn_by_django(form, names)
    assert list(form.fields) == ["retired"]  # the carried answers are no fields of their own
