"""The result page's long blocks written in Python: the steps, the answers, the bill chart, the 一档还是二档 chart
and the year's timeline, each the very bytes its template loop wrote.

Django's template language costs a few microseconds per variable and per tag, and these blocks are loops (up to
55 steps, 30 points, a dozen answers): on a resident's own result page they took half the rendering. Each block
is one small function here that escapes every text it prints with conditional_escape, as the template's
autoescaping did (staff write the steps' sources and the labels in the admin): tests/benefits/test_result_html.py
holds them to that with hostile text, and bench/result_bytes.py compares whole pages before and after a change.
The numbers are printed as Python writes them, as the templates printed them (core.rendering: not localized).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from .engine.core import yuan

# ---------------------------------------------------------------- 怎么算的（详细步骤）


def step_items(rows: Iterable[Mapping]) -> str:
    """The <li> of one list of steps (rows: wizard_views.step_rows), a repeated source said 同上."""
    items = []
    for row in rows:
        amount = "" if row["amount"] is None else f' <strong class="step-amount">{esc(row["amount"])}</strong>'
        if row["repeats"]:
            source = '<p class="step-source step-source--same">依据：同上</p>'
        else:
            source = f'<p class="step-source">依据：{esc(row["source"])}</p>'
        items.append(
            f'\n      <li class="step">\n        <p class="step-head">'
            f'<span class="step-label">{esc(row["label"])}</span>{amount}</p>\n'
            f'        <p class="step-formula">{esc(row["formula"])}</p>\n        {source}\n      </li>'
        )
    return "".join(items)


def steps_html(groups: Iterable[tuple[str, list[Mapping]]]) -> SafeString:
    """The steps as one list, or (一档还是二档) a list per group under its title: (title, rows); a group
    without a title is printed as a plain list."""
    lists = []
    for title, rows in groups:
        heading = f'<h3 class="steps-group">{esc(title)}</h3>\n    ' if title else ""
        lists.append(f'{heading}<ol class="steps">{step_items(rows)}\n    </ol>')
    return mark_safe("\n    ".join(lists))


# ---------------------------------------------------------------- 您的回答


def answers_html(rows: Iterable[Mapping], changeable: bool) -> SafeString:
    """The answers as a <dl> (rows: wizard_views.answer_rows); `changeable`: each with its 修改 link (the check
    page). A question that does not end in ？ (a label: 医院级别) is marked so."""
    parts = ['<dl class="answers">\n']
    for row in rows:
        question = esc(row["question"])
        label = "" if row["question"].endswith("？") else ' class="label"'
        change = (
            f'<dd class="change"><a href="{esc(row["change_url"])}">修改<span class="visually-hidden">：{question}'
            "</span></a></dd>"
            if changeable
            else ""
        )
        parts.append(
            f'\n  <div class="answer-row">\n    <dt{label}>{question}</dt>\n    <dd>{esc(row["answer"])}</dd>\n'
            f"    {change}\n  </div>\n"
        )
    parts.append("\n</dl>\n")
    return mark_safe("".join(parts))


# ---------------------------------------------------------------- 费用越多，自己付多少？


def bill_chart_html(chart) -> SafeString:
    """The inpatient (and other bill) chart of benefits.chart.draw: the line, the marker, the round ticks, and the
    same data as a table."""
    left, top, right, bottom = chart.plot
    grid = "".join(
        f'<line x1="{left}" x2="{right}" y1="{y}" y2="{y}"/><text x="{chart.tick_label_x}" y="{y}" text-anchor="end"'
        f' dominant-baseline="middle">{esc(label)}</text>'
        for y, label in chart.y_ticks
    )
    axis = "".join(
        f'<text x="{x}" y="{chart.tick_label_y}" text-anchor="middle">{esc(label)}</text>' for x, label in chart.x_ticks
    )
    rows = "".join(f"<tr><td>{esc(bill)}</td><td>{esc(pay)}</td></tr>" for bill, pay in chart.rows)
    (mx, my), (lx, ly, anchor) = chart.marker, chart.label
    return mark_safe(
        '<figure class="chart" aria-labelledby="chart-title">\n'
        '  <figcaption id="chart-title" class="section-heading">费用越多，自己付多少？</figcaption>\n'
        f'  <svg class="chart-svg" viewBox="0 0 {chart.width} {chart.height}" role="img"'
        ' aria-labelledby="chart-title chart-desc" focusable="false">\n'
        f'    <desc id="chart-desc">横轴是医保范围内费用，纵轴是您自付的金额。您的费用 {yuan(chart.bill)}时，'
        f"自付 {yuan(chart.self_pay)}。</desc>\n"
        f'    <g class="chart-grid">{grid}</g>\n'
        f'    <g class="chart-axis">{axis}</g>\n'
        f'    <polyline class="chart-line" points="{esc(chart.path)}" fill="none"/>\n'
        f'    <circle class="chart-marker" cx="{mx}" cy="{my}" r="5"/>\n'
        f'    <text class="chart-marker-label" x="{lx}" y="{ly}" text-anchor="{esc(anchor)}">您在这里</text>\n'
        "  </svg>\n"
        '  <p class="chart-axes">横轴：医保范围内费用（元）；纵轴：您自付（元）</p>\n'
        '  <details class="chart-data"><summary>查看数据</summary>\n'
        '    <table><thead><tr><th scope="col">医保范围内费用（元）</th>'
        '<th scope="col">您自付（元）</th></tr></thead>\n'
        f"    <tbody>{rows}</tbody></table>\n"
        "  </details>\n"
        "</figure>\n"
    )
