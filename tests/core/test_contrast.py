"""The edges of form controls stand out from the page (WCAG 1.4.11: at least 3:1), in the normal site and in
关怀版: every border of a rule that draws an input, a select or a radio/checkbox box (.option), its colour
resolved through the CSS custom properties of :root, or of html.care for 关怀版."""

import re
from pathlib import Path

import pytest

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
CSS = re.sub(r"(?s)/\*.*?\*/", "", SITE_CSS.read_text(encoding="utf-8"))  # comments out
CONTROLS = re.compile(r"(^|[\s,>])(input|select|textarea)\b|\.option\b(?![-\w])")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
BORDER = re.compile(r"border(?:-(?:top|right|bottom|left))?(?:-color)?\s*:\s*([^;]+)")


def properties(selector: str) -> dict[str, str]:
    """The custom properties set by the rule with exactly this selector."""
    found = {}
    for head, body in RULE.findall(CSS):
        if head.strip() == selector:
            found.update(dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+)", body)))
    return {name: value.strip() for name, value in found.items()}


def mode(care: bool) -> dict[str, str]:
    return {**properties(":root"), **(properties("html.care") if care else {})}


def colour(value: str, variables: dict[str, str]) -> str | None:
    """The #hex colour of a border value (`2px solid var(--control-line)`), or None for none/0."""
    for name in re.findall(r"var\((--[\w-]+)\)", value):
        value = value.replace(f"var({name})", variables[name])
    found = re.search(r"#[0-9a-fA-F]{3,6}\b", value)
    return found.group(0) if found else None


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def control_borders(care: bool) -> list[tuple[str, str]]:
    variables = mode(care)
    borders = []
    for head, body in RULE.findall(CSS):
        selector = head.strip()
        if selector.startswith("html.care") and not care:
            continue
        if CONTROLS.search(selector):
            borders += [(selector, c) for v in BORDER.findall(body) if (c := colour(v, variables))]
    return borders


# Known values: #c9d1db on white is 1.54:1 and #999 2.85:1 (both too faint); #6b7580 is 4.69:1 on white and
# 4.32:1 on the tint #f3f6fa of a chosen option; #000 in 关怀版 is 21:1.
@pytest.mark.parametrize("care", [False, True], ids=["normal", "关怀版"])
def test_every_control_edge_is_at_least_three_to_one_on_white_and_on_the_tint(care):
    variables = mode(care)
    borders = control_borders(care)
    assert any(".option" in s for s, _ in borders) and any("input" in s for s, _ in borders)
    for selector, edge in borders:
        for background in (variables["--paper"], variables["--tint"]):
            assert contrast(edge, background) >= 3, (selector, edge, background)


@pytest.mark.parametrize(("a", "b", "ratio"), [("#c9d1db", "#fff", 1.54), ("#999", "#fff", 2.85), ("#000", "#fff", 21)])
def test_the_contrast_computation_agrees_with_known_ratios(a, b, ratio):
    assert round(contrast(a, b), 2) == ratio
