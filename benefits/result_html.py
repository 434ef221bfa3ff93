"""The result page's repeated items written in Python: the headline, 简单地说, 接下来, 请注意, the steps, the
answers, the bill chart, the 一档还是二档 table and chart, the year's timeline and the remote-care checklist, each
the very bytes its template loop wrote. The page's templates keep the frame around each block (its section, its
heading, the fixed words); what repeats, or depends on the answers, is printed here.

Django's template language costs a few microseconds per variable, per tag and per filter, and tens for an
{% include %} (a template looked up through the loaders on every page); these blocks are loops (up to 55 steps,
30 points, a dozen answers): on a resident's own result page they took most of the rendering. Each block is one
small function here that escapes every text it prints (esc, as conditional_escape), as the template's
autoescaping did (staff write the steps' sources and the labels in the admin): tests/benefits/test_result_html.py
holds them to that with hostile text, and bench/result_bytes.py compares whole pages before and after a change.
The numbers are printed as Python writes them, as the templates printed them (core.rendering: not localized).
Each block is marked safe as SafeString(text), what mark_safe makes of a str, without mark_safe's lazy-text wrapper
(a test of every argument for a lazy one): 1.7 → 0.3 µs a block, a result page marks twenty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from django.utils.safestring import SafeString

from core.rendering import esc, escape_recurring

from .engine.core import Step, yuan
from .templatetags.money import kept_with_units as units  # each amount kept with its unit on one line (nowrap)


def escaped(**texts) -> dict[str, SafeString]:
    """The page's plain texts (its links, its dates, the calculator's name) escaped at once, as autoescaping
    would: Django escapes a plain text through its lazy-text wrapper, twice a safe text's cost, and a result
    page prints a dozen."""
    return {name: SafeString(esc(text)) for name, text in texts.items()}


# ---------------------------------------------------------------- the headline, 简单地说, 接下来, 请注意


def headline_items(items: Iterable[tuple[str, str]]) -> SafeString:
    """The result's figures in large type (wizard.headline): each label and its amount."""
    return SafeString(
        "".join(
            f'<p class="headline-item"><span class="headline-label">{units(label)}</span> '
            f'<strong class="headline-amount">{esc(amount)}</strong></p>'
            for label, amount in items
        )
    )


def sentences(said: Iterable[str]) -> SafeString:
    """简单地说's sentences (explain.explain) as one paragraph's text; "" when there are none."""
    return SafeString("".join(units(sentence) for sentence in said))


def line_items(lines: Iterable[str]) -> SafeString:
    """Lines of text as <li>s (一档还是二档's 是什么决定了差别, a checklist item's lines)."""
    return SafeString("".join(f"<li>{units(line)}</li>" for line in lines))


def next_steps_html(steps: Iterable[Mapping]) -> SafeString:
    """接下来 (benefits/next_steps.py): each step with its question of the handbook; "" when there is none."""
    items = "".join(
        f'<li>{units(step["text"])}（<a href="{esc(step["url"])}">手册问{step["question"]}</a>）</li>' for step in steps
    )
    if not items:
        return SafeString("")
    return SafeString(
        '<section class="next-steps" aria-labelledby="next-steps-title">\n'
        '    <h2 id="next-steps-title" class="next-steps-title">接下来</h2>\n'
        f'    <ol class="next-steps-list">{items}</ol>\n'
        "  </section>"
    )


def notice_items(assumptions: Iterable[tuple[str, list[str]]], warnings: Iterable[str]) -> SafeString:
    """请注意: each 不确定 answer's note, with the result for each answer it might be (wizard.what_if), then the
    calculation's warnings; "" when there is nothing to say."""
    items = []
    for note, lines in assumptions:
        what_if = f'<ul class="what-if">{line_items(lines)}</ul>' if lines else ""
        items.append(f"<li>{units(note)}{what_if}</li>")
    items += [f"<li>{units(warning)}</li>" for warning in warnings]
    return SafeString("".join(items))


def sources_text(sources: Iterable[str]) -> SafeString:
    """依据与说明's sources, joined by ； (an amount never runs across it: each source is kept on its own)."""
    return SafeString("；".join(units(source) for source in sources))


# ---------------------------------------------------------------- 怎么算的（详细步骤）


def step_items(steps: Iterable[Step]) -> str:
    """The <li> of one list of steps (the engine's Steps, in order), a source that repeats the step before's said
    同上: the steps are read once, each printed straight from the engine's Step (no row of texts built first)."""
    items, before = [], None
    for step in steps:
        repeats = step.source == before
        plain = type(step.label) is str and type(step.formula) is str and type(step.source) is str
        items.append(kept_step_item(step, repeats) if plain else step_item(step, repeats))
        before = step.source
    return "".join(items)


def step_item(step: Step, repeats: bool) -> str:
    """One step as 怎么算的 prints it: its label, its amount as 元 (core.yuan; none: no amount), its formula and its
    source, or 同上 where the step before had the same source."""
    # an amount as 元 (core.yuan) is digits, ",", ".", "-" and 元: nothing to escape
    amount = "" if step.amount is None else f' <strong class="step-amount">{yuan(step.amount, step.whole)}</strong>'
    if repeats:
        source = '<p class="step-source step-source--same">依据：同上</p>'
    else:
        source = f'<p class="step-source">依据：{units(step.source)}</p>'
    return (
        f'\n      <li class="step">\n        <p class="step-head">'
        f'<span class="step-label">{step_text(step.label)}</span>{amount}</p>\n'
        f'        <p class="step-formula">{units(step.formula)}</p>\n        {source}\n      </li>'
    )


# A step's <li> remembered, for a step of plain texts (an equal SafeString would print otherwise): a pure function
# of the step and whether its source repeats, and four in ten of a result's steps were on an earlier page (the
# limits, the baselines, the ratios: 300 unique 一档还是二档 results, bench/first_views.py's); bounded.
kept_step_item = lru_cache(maxsize=4096)(step_item)


def step_text(text) -> str:
    """A step's label escaped (esc): a plain str is remembered, as units' texts are (kept_with_units), since most
    labels are the same on every page."""
    return escape_recurring(text) if type(text) is str else esc(text)


def steps_html(groups: Iterable[tuple[str, Iterable[Step]]]) -> SafeString:
    """The steps as one list, or (一档还是二档) a list per group under its title: (title, steps); a group
    without a title is printed as a plain list."""
    lists = []
    for title, steps in groups:
        heading = f'<h3 class="steps-group">{esc(title)}</h3>\n    ' if title else ""
        lists.append(f'{heading}<ol class="steps">{step_items(steps)}\n    </ol>')
    return SafeString("\n    ".join(lists))


# ---------------------------------------------------------------- 您的回答


def answers_html(rows: Iterable[Mapping], changeable: bool) -> SafeString:
    """The answers as a <dl> (rows: wizard_views.answer_rows); `changeable`: each with its 修改 link (the check
    page). A question that does not end in ？ (a label: 医院级别) is marked so."""
    parts = ['<dl class="answers">\n']
    for row in rows:
        question, answer = row["question"], row["answer"]
        if changeable:
            parts.append(answer_row(question, answer, row["change_url"]))
        elif type(question) is str and type(answer) is str:  # an equal SafeString would print otherwise
            parts.append(kept_answer_row(question, answer))
        else:
            parts.append(answer_row(question, answer))
    parts.append("\n</dl>\n")
    return SafeString("".join(parts))


def answer_row(question: str, answer: str, change_url: str = "") -> str:
    """One question and its answer; with `change_url`, its 修改 link."""
    asked = esc(question)
    label = "" if question.endswith("？") else ' class="label"'
    change = (
        f'<dd class="change"><a href="{esc(change_url)}">修改<span class="visually-hidden">：{asked}</span></a></dd>'
        if change_url
        else ""
    )
    return (
        f'\n  <div class="answer-row">\n    <dt{label}>{asked}</dt>\n    <dd>{units(answer)}</dd>\n'
        f"    {change}\n  </div>\n"
    )


# A result page's row (no 修改 link) remembered: a pure function of the question and the answer in words, and most
# recur across residents (the levels, the tiers, yes and no); bounded.
kept_answer_row = lru_cache(maxsize=4096)(answer_row)


# ---------------------------------------------------------------- 费用越多，自己付多少？


def bill_chart_html(chart) -> SafeString:
    """The inpatient (and other bill) chart of benefits.chart.draw: the line, the marker, the round ticks, and the
    same data as a table. Every text in it is a number chart.draw wrote (digits, ",", ".", "-", 万, 元) or one of
    its words (start, end): nothing to escape."""
    left, _top, right, _bottom = chart.plot
    grid = chart_grid(left, right, chart.tick_label_x, chart.y_ticks, PAY_TICK_LABEL)
    axis = chart_bill_labels(chart.tick_label_y, chart.x_ticks)
    rows = "".join(f"<tr><td>{bill}</td><td>{pay}</td></tr>" for bill, pay in chart.rows)
    (mx, my), (lx, ly, anchor) = chart.marker, chart.label
    return SafeString(
        '<figure class="chart" aria-labelledby="chart-title">\n'
        '  <figcaption id="chart-title" class="section-heading">费用越多，自己付多少？</figcaption>\n'
        f'  <svg class="chart-svg" viewBox="0 0 {chart.width} {chart.height}" role="img"'
        ' aria-labelledby="chart-title chart-desc" focusable="false">\n'
        f'    <desc id="chart-desc">横轴是医保范围内费用，纵轴是您自付的金额。您的费用 {yuan(chart.bill)}时，'
        f"自付 {yuan(chart.self_pay)}。</desc>\n"
        f'    <g class="chart-grid">{grid}</g>\n'
        f'    <g class="chart-axis">{axis}</g>\n'
        f'    <polyline class="chart-line" points="{chart.path}" fill="none"/>\n'
        f'    <circle class="chart-marker" cx="{mx}" cy="{my}" r="5"/>\n'
        f'    <text class="chart-marker-label" x="{lx}" y="{ly}" text-anchor="{anchor}">您在这里</text>\n'
        "  </svg>\n"
        '  <p class="chart-axes">横轴：医保范围内费用（元）；纵轴：您自付（元）</p>\n'
        '  <details class="chart-data"><summary>查看数据</summary>\n'
        '    <table><thead><tr><th scope="col">医保范围内费用（元）</th>'
        '<th scope="col">您自付（元）</th></tr></thead>\n'
        f"    <tbody>{rows}</tbody></table>\n"
        "  </details>\n"
        "</figure>\n"
    )


# The round axes are few (chart.bill_axis, chart.pay_axis, chart.placed_ticks: a few dozen of each)
# and recur chart after chart: each axis's part of the SVG is written once per process. A tick's place is a text
# (chart.Axis) or a float of round(…, 1) (decision_pages), never an int (equal to a float, printed otherwise) or -0.0.
PAY_TICK_LABEL = ' text-anchor="end" dominant-baseline="middle"'  # where a label of the money axis sits
TIER_TICK_LABEL = ' dy="3" text-anchor="end"'


@lru_cache(maxsize=256)
def chart_grid(left: int, right: int, label_x: int, y_ticks: tuple[tuple, ...], label_place: str) -> str:
    """A line across the plot and a label at each tick of the money axis (`label_place`: the label's attributes)."""
    return "".join(
        f'<line x1="{left}" x2="{right}" y1="{y}" y2="{y}"/><text x="{label_x}" y="{y}"{label_place}>{label}</text>'
        for y, label in y_ticks
    )


@lru_cache(maxsize=256)
def chart_bill_labels(label_y: int, x_ticks: tuple[tuple, ...]) -> str:
    """A label under each tick of the bill axis."""
    return "".join(f'<text x="{x}" y="{label_y}" text-anchor="middle">{label}</text>' for x, label in x_ticks)


# ---------------------------------------------------------------- 一档还是二档: 两档比一比


def compare_rows(rows: Iterable[Mapping]) -> SafeString:
    """The two tiers side by side, an item a row (decision_pages.tier_context's rows, amounts as Decimals)."""
    return SafeString(
        "".join(
            f'<tr><th scope="row">{esc(row["label"])}</th><td class="num" data-tier="一档">{yuan(row["t1"])}</td>'
            f'<td class="num" data-tier="二档">{yuan(row["t2"])}</td></tr>'
            for row in rows
        )
    )


# ---------------------------------------------------------------- 一档还是二档: 住院花得越多


EVEN_LEGEND = ' <span class="legend legend--even">两档花费相同</span>'


def tier_chart_html(c: Mapping) -> SafeString:
    """The two tiers' yearly cost as the stay's bill grows (decision_pages.tier_chart), the break-evens, the
    person's own bill, and the points as a table; with the blank lines around it that the section's template
    wrote."""
    evens = c["evens"]
    where = f"住院费用为{'、'.join(yuan(e['bill']) for e in evens)}时两档花费相同。" if evens else "两条线没有交点。"
    # the labels and cells are amounts (chart.short_yuan, core.yuan: digits, ",", ".", "-", 万, 元): nothing to escape
    grid = chart_grid(c["left"], c["right"], c["tick_label_x"], tuple(c["y_ticks"]), TIER_TICK_LABEL)
    axis = chart_bill_labels(c["tick_label_y"], tuple(c["x_ticks"]))
    even_lines = "".join(
        f'<line class="chart-even" x1="{e["x"]}" x2="{e["x"]}" y1="{c["top"]}" y2="{c["bottom"]}"/>' for e in evens
    )
    x = c["expected_x"]
    expected = (
        f'<line class="chart-expected" x1="{x}" x2="{x}" y1="{c["top"]}" y2="{c["bottom"]}"/><text'
        f' class="chart-marker-label" x="{x}" y="{c["top"]}" dy="-4" text-anchor="middle">您填的</text>'
        if c["expected"]
        else ""
    )
    rows = "".join(f"<tr><td>{bill}</td><td>{one}</td><td>{two}</td></tr>" for bill, one, two in c["table"])
    return SafeString(
        '\n  <figure class="chart" aria-labelledby="tier-chart-title">\n'
        '    <figcaption id="tier-chart-title" class="section-heading">'
        "住院花得越多，两档一年各要您花多少？</figcaption>\n"
        '    <p class="chart-legend"><span class="legend legend--t1">一档</span> '
        '<span class="legend legend--t2">二档</span>'
        f"{EVEN_LEGEND if evens else ''}</p>\n"
        f'    <svg class="chart-svg" viewBox="0 0 {c["width"]} {c["height"]}" role="img"'
        ' aria-labelledby="tier-chart-title tier-chart-desc" focusable="false">\n'
        '      <desc id="tier-chart-desc">横轴是一次住院的医保范围内费用，纵轴是这一年您的花费；其他费用按您填的不变。'
        f"{where}数据见图下的表。</desc>\n"
        f'      <g class="chart-grid">{grid}</g>\n'
        f'      <g class="chart-axis">{axis}</g>\n'
        f"      {even_lines}\n"
        f'      <polyline class="chart-line chart-line--t1" points="{esc(c["t1"])}" fill="none"/>\n'
        f'      <polyline class="chart-line chart-line--t2" points="{esc(c["t2"])}" fill="none"/>\n'
        f"      {expected}\n"
        "    </svg>\n"
        '    <p class="chart-axes">横轴：一次住院的医保范围内费用（元）；纵轴：这一年您的花费（元）</p>\n'
        '    <details class="chart-data"><summary>查看数据</summary>\n'
        '      <table><thead><tr><th scope="col">住院费用（元）</th><th scope="col">一档一年花费</th>'
        '<th scope="col">二档一年花费</th></tr></thead>\n'
        f"      <tbody>{rows}</tbody></table>\n"
        "    </details>\n"
        "  </figure>\n  "
    )


# ---------------------------------------------------------------- 一年的医疗费用: 简单地说


def year_spent(result: Mapping) -> SafeString:
    """The year's 简单地说: what was spent within the scheme in all, what insurance paid (大病保险's part said when it
    paid), and what the person paid."""
    serious = result.get("serious_paid")
    said = f"（其中大病保险{units(yuan(serious))}）" if serious else ""
    return SafeString(
        f"这一年在医保范围内一共花了<strong>{units(yuan(result['amount']))}</strong>："
        f"医保报销{units(yuan(result['reimbursed']))}{said}，您自己付{units(yuan(result['self_pay']))}。"
    )


# ---------------------------------------------------------------- 一年的医疗费用: the timeline and each event


def timeline_drawing(year: Mapping) -> SafeString:
    """The timeline's bar (decision_pages.year_context): a segment per event with its self-paid part and number,
    a numbered mark where a line is crossed, and the two ends' amounts."""
    top, height, number_y = year["bar_top"], year["bar_height"], year["number_y"]
    segments = "".join(
        f'<rect class="tl-seg tl-seg--{esc(s["what"])}" x="{s["x"]}" y="{top}" width="{s["width"]}" height="{height}"/>'
        f'<rect class="tl-self" x="{s["x"]}" y="{s["self_y"]}" width="{s["width"]}" height="{s["self_height"]}"/>'
        + (
            f'<text class="tl-seg-no{" tl-seg-no--dark" if s["dark"] else ""}" x="{s["label_x"]}" y="{number_y}"'
            f' text-anchor="middle">{s["number"]}</text>'
            if s["numbered"]
            else ""
        )
        for s in year["segments"]
    )
    bottom = year["bar_bottom"]
    marks = "".join(
        f'<line class="tl-mark" x1="{m["x"]}" x2="{m["x"]}" y1="{m["y"]}" y2="{bottom}"/><circle class="tl-mark-dot"'
        f' cx="{m["x"]}" cy="{m["y"]}" r="8"/><text class="tl-mark-no" x="{m["x"]}" y="{m["y"]}" dy="3.5"'
        f' text-anchor="middle">{m["number"]}</text>'
        for m in year["marks"]
    )
    ticks = "".join(
        f'<text class="tl-tick" x="{x}" y="{year["height"]}" dy="-3" text-anchor="{"start" if n == 0 else "end"}">'
        f"{esc(label)}</text>"
        for n, (x, label) in enumerate(year["ticks"])
    )
    return SafeString(f"{segments}\n      {marks}\n      {ticks}")


def mark_items(marks: Iterable[Mapping]) -> SafeString:
    """The timeline's numbered marks said in words, under the picture."""
    return SafeString(
        "".join(
            f'\n      <li><span class="mark-no" aria-hidden="true">{m["number"]}</span><span>累计花到<strong>'
            f"{esc(m['at'])}</strong>时（第{m['event']}段）：{units(m['label'])}</span></li>"
            for m in marks
        )
    )


def event_items(events: Iterable[Mapping]) -> SafeString:
    """每一次看病: each event's amounts and the marks crossed in it."""
    items = []
    for e in events:
        serious = f"<div><dt>其中大病保险</dt><dd>{esc(e['serious_text'])}</dd></div>" if e["serious_text"] else ""
        marks = (
            '<ul class="event-marks">'
            + "".join(
                f'<li><span class="mark-no" aria-hidden="true">{m["number"]}</span><span>{units(m["label"])}</span>'
                "</li>"
                for m in e["marks"]
            )
            + "</ul>"
            if e["marks"]
            else ""
        )
        items.append(
            f'\n    <li class="event event--{esc(e["what"])}">\n'
            f'      <h3 class="event-title"><span class="event-no" aria-hidden="true">{e["number"]}</span>'
            f"{esc(e['title'])}</h3>\n"
            '      <dl class="figures">\n'
            f"        <div><dt>医保范围内费用</dt><dd>{esc(e['amount_text'])}</dd></div>\n"
            f"        <div><dt>医保报销</dt><dd>{esc(e['reimbursed_text'])}</dd></div>\n"
            f"        {serious}\n"
            f'        <div class="figure-self"><dt>您自付</dt><dd>{esc(e["self_pay_text"])}</dd></div>\n'
            "      </dl>\n"
            f"      {marks}\n"
            "    </li>"
        )
    return SafeString("".join(items))


def year_total_figures(result: Mapping) -> SafeString:
    """全年合计's four amounts, as the year template wrote them (an amount has nothing to escape)."""
    return SafeString(
        '<dl class="figures">\n'
        f"      <div><dt>医保范围内费用</dt><dd>{yuan(result['amount'])}</dd></div>\n"
        f"      <div><dt>医保报销</dt><dd>{yuan(result['fund_paid'])}</dd></div>\n"
        f"      <div><dt>大病保险报销</dt><dd>{yuan(result['serious_paid'])}</dd></div>\n"
        f'      <div class="figure-self"><dt>您自付</dt><dd>{yuan(result["self_pay"])}</dd></div>\n'
        "    </dl>"
    )


# ---------------------------------------------------------------- 异地就医备案: the checklist


def checklist_items(items: Iterable[Mapping]) -> SafeString:
    """The remote-care result's five things to know (explain.checklist): a title, its line or lines, its source."""
    shown = []
    for item in items:
        lines = item["lines"]
        said = f"<ul>{line_items(lines)}</ul>" if len(lines) > 1 else f"<p>{units(lines[0] if lines else '')}</p>"
        shown.append(
            '\n    <li class="checklist-item">\n'
            f'      <h2 class="checklist-title">{esc(item["title"])}</h2>\n'
            f"      {said}\n"
            f'      <p class="step-source">依据：{units(item["source"])}</p>\n'
            "    </li>"
        )
    return SafeString("".join(shown))
