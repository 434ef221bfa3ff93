"""The comic strips of the handbook's questions, composed from the parts of one SVG sprite.

faq/data/comic.json holds the cast (each person's head, hair, clothes, extras and colours), the
scenes and each question's 2–4 panels; static/comic/sprite.svg holds the drawings. This module
turns a panel into the list of sprite symbols to <use>, in drawing order. Pure: no Django.
"""

import json
import re
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "comic.json"
SPRITE = "comic/sprite.svg"  # under static/

# A figure is a 120×160 bust; placed at these x in the 320×200 panel, scaled 1.1 (0.85 when small).
SLOTS = {"left": 4, "midleft": 56, "center": 94, "midright": 128, "right": 184}
SCALE, SMALL_SCALE = 1.1, 0.85
FIGURE_W, FIGURE_H, PANEL_W, PANEL_H = 120, 160, 320, 200
LOW = 36  # a figure sitting on the ground sits this much lower
CHILD_SCALE = 0.9

HAIR_WITH_BACK = {"bun", "long", "pony", "bob", "twinbuns", "wavy", "kid-pigtails"}
BODY_EXTRAS = {"necklace", "lanyard", "stethoscope", "backpack", "scarf"}  # drawn on the body, not the head
CHILD_FACE_DROP = 18  # a child's head sits lower on its smaller body
MASCOT_FACE_DROP = 5  # the mascot's face is the white oval of its shield
MARKS = {
    "puzzled": "question",
    "surprised": "exclaim",
    "worried": "sweat",
    "happy": "sparkle",
    "pained": "dizzy",
    "relieved": "sigh",
}
MOODS = ("asking", "puzzled", "worried", "relieved", "happy", "surprised", "pained", "talk")
POSES = ("none", "raise", "chin", "cheeks", "hold", "wave", "thumb", "point", "belly", "phone-ear")
MASCOT_POSES = ("wave", "point", "thumb")
SIGN_AT = {"station": (160, 56)}  # where a scene's sign board takes its words


@cache
def comic_data(path: Path = DATA_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def head_parts(person: dict, mood: str) -> list[tuple[str, int]]:
    """(symbol, dy) from the back hair to the head's extras: what a face thumbnail shows."""
    if person["head"] == "mascot":
        return [("mascot", 0), (f"face-{mood}", MASCOT_FACE_DROP)]
    child = person["head"] == "child"
    dy = CHILD_FACE_DROP if child else 0
    hair = person["hair"]
    parts = [(f"hair-{hair}-back", dy)] if hair in HAIR_WITH_BACK else []
    parts += [("top-kid" if child else f"top-{person['top']}", 0), ("head-child" if child else "head", 0)]
    if person["head"] == "elder":
        parts.append(("age-lines", 0))
    hair_dy = 0 if hair.startswith("kid-") else dy  # the children's hair is drawn on the child's head
    parts += [(f"face-{mood}", dy), (f"hair-{hair}", hair_dy)]
    parts += [(f"x-{extra}", 0 if extra in BODY_EXTRAS else dy) for extra in person["extras"]]
    return parts


def figure_parts(person: dict, mood: str, pose: str, prop: str | None = None) -> list[tuple[str, int]]:
    """Every symbol of one figure, in drawing order: head parts, the mood's mark, the prop, the arms."""
    parts = head_parts(person, mood)
    dy = CHILD_FACE_DROP if person["head"] == "child" else MASCOT_FACE_DROP if person["head"] == "mascot" else 0
    if mood in MARKS:
        parts.append((f"mark-{MARKS[mood]}", dy))
    if person["head"] == "mascot":
        return [*parts, (f"mascot-{pose}", 0)]
    if prop:
        parts.append((f"prop-{prop}", 0))
    if pose != "none" and person["head"] != "child":
        parts.append((f"arm-{pose}", 0))
    return parts


def figure_scale(figure: dict, person: dict) -> float:
    if person["head"] == "child":
        return CHILD_SCALE
    return SMALL_SCALE if figure.get("small") else SCALE


def placement(figure: dict, scale: float) -> str:
    """The SVG transform that stands a figure in its slot, bottom on the panel's lower edge."""
    x = SLOTS[figure["at"]]
    y = PANEL_H - FIGURE_H * scale + (LOW if figure.get("low") else 0)
    if figure.get("flip"):
        return f"translate({x + FIGURE_W * scale:g} {y:g}) scale({-scale:g} {scale:g})"
    return f"translate({x:g} {y:g}) scale({scale:g})"


def tail_at(figure: dict, scale: float) -> int:
    """Where a speaker stands, in per cent of the panel's width, rounded to 5 (a bubble's tail class)."""
    middle = SLOTS[figure["at"]] + FIGURE_W * scale / 2
    return round(middle / PANEL_W * 20) * 5


def bubble_side(tail: int) -> str:
    return "left" if tail < 45 else "right" if tail > 55 else "center"


def strip(number: int) -> dict:
    """The view of one question's strip: title, lead and panels with everything to draw."""
    data = comic_data()
    item = next(q for q in data["questions"] if q["number"] == number)
    cast = data["cast"]
    panels = []
    for panel in item["panels"]:
        scene = data["scenes"][panel["scene"]]
        scales = {f["who"]: figure_scale(f, cast[f["who"]]) for f in panel["cast"]}
        tails = {f["who"]: tail_at(f, scales[f["who"]]) for f in panel["cast"]}
        panels.append(
            {
                "scene": scene,
                "alt": panel["alt"],
                "figures": [
                    {
                        "who": f["who"],
                        "transform": placement(f, scales[f["who"]]),
                        "parts": figure_parts(cast[f["who"]], f["mood"], f["pose"], f.get("prop")),
                    }
                    for f in panel["cast"]
                ],
                "items": [{"symbol": f"item-{name}", "x": x, "y": y} for name, x, y in panel.get("items", [])],
                "sign": _sign(panel),
                "bubbles": [
                    {
                        "name": cast[b["who"]]["name"],
                        "who": b["who"],
                        "side": bubble_side(tails[b["who"]]),
                        "tail": tails[b["who"]],
                        "question": b.get("question", False),
                        "text": b.get("text", ""),
                    }
                    for b in panel["bubbles"]
                ],
            }
        )
    return {"title": item["title"], "lead": item["lead"], "panels": panels}


def _sign(panel: dict) -> dict | None:
    if "sign" not in panel:
        return None
    x, y = SIGN_AT[panel["scene"]]
    return {"text": panel["sign"], "x": x, "y": y}


def lead_of(number: int) -> str:
    return next(q["lead"] for q in comic_data()["questions"] if q["number"] == number)


def thumbnail_parts(who: str) -> list[tuple[str, int]]:
    return head_parts(comic_data()["cast"][who], "happy")


def titles() -> dict[int, str]:
    return {q["number"]: q["title"] for q in comic_data()["questions"]}


def leads_of(numbers) -> list[str]:
    """The lead character of each of these questions, in order: a section card shows one face per question,
    so its faces agree with its count (8问, 8 faces), a person who asks twice appearing twice."""
    return [lead_of(n) for n in numbers]


# The contact sheet shows each person in the five expressions the issue asks for, each with a pose.
SHEET_MOODS = (("asking", "raise"), ("puzzled", "chin"), ("worried", "cheeks"), ("relieved", "none"), ("happy", "wave"))
SHEET_MASCOT = (("talk", "point"), ("happy", "wave"), ("happy", "thumb"))
MOOD_NAMES = {
    "asking": "提问",
    "puzzled": "疑惑",
    "worried": "担心",
    "relieved": "放心",
    "happy": "开心",
    "talk": "讲解",
    "surprised": "吃惊",
    "pained": "疼痛",
}


def contact_sheet() -> dict:
    """Every person in every expression, and every scene, for the cast page."""
    data = comic_data()
    people = []
    for who, person in data["cast"].items():
        moods = SHEET_MASCOT if who == "mascot" else SHEET_MOODS
        appearances = sum(1 for q in data["questions"] if any(f["who"] == who for p in q["panels"] for f in p["cast"]))
        people.append(
            {
                "who": who,
                "name": person["name"],
                "looks": person["looks"],
                "appearances": appearances,
                "poses": [
                    {"mood": MOOD_NAMES[mood], "parts": figure_parts(person, mood, pose)} for mood, pose in moods
                ],
            }
        )
    scenes = [{"id": key, **scene} for key, scene in data["scenes"].items()]
    return {"people": people, "scenes": scenes}


# ---- the generated part of static/css/comic.css ----------------------------------------------
ROOT = Path(__file__).resolve().parents[1]
CSS_FILE = ROOT / "static" / "css" / "comic.css"
SPRITE_FILE = ROOT / "static" / SPRITE
GENERATED_MARK = "/* Generated from faq/data/comic.json and the sprite by `python -m faq.comic`; do not edit below. */"
DRAWINGS = ".panel-art *, .thumb *, .mascot-face *, .cast-figure *"
INK_COLOURS = {"ink", "frame", "acc", "sc-label", "sc-led"}  # eyes, glasses, caps, words stay dark


def sprite_colours(sprite_text: str) -> list[str]:
    """Every colour custom property the sprite's drawings read (var(--name, default))."""
    return sorted(set(re.findall(r"var\(--([a-z0-9-]+),", sprite_text)))


def generated_css(sprite_text: str) -> str:
    """The cast's colours, one class per person, then print (black line art on white) and
    forced-colors (system colours) overrides for every colour the sprite uses."""
    lines = [GENERATED_MARK]
    for who, person in comic_data()["cast"].items():
        props = ";".join(f"--{name}:{value}" for name, value in person["colours"].items())
        lines.append(f".who-{who}{{{props}}}")
    names = sprite_colours(sprite_text)
    for media, paper, ink in (("print", "#fff", "#000"), ("(forced-colors: active)", "Canvas", "CanvasText")):
        props = ";".join(f"--{n}:{ink if n in INK_COLOURS else paper} !important" for n in names)
        lines.append(f"@media {media} {{ {DRAWINGS} {{{props}}} }}")
    return "\n".join(lines) + "\n"


def write_generated_css() -> None:
    css = CSS_FILE.read_text(encoding="utf-8")
    handwritten = css.split(GENERATED_MARK)[0].rstrip("\n")
    CSS_FILE.write_text(handwritten + "\n\n" + generated_css(SPRITE_FILE.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    write_generated_css()
