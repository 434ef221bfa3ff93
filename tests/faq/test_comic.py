"""The comic: every question a strip of 2–4 panels drawn from one sprite, with the handbook's words.

The strips live in faq/data/comic.json, the drawings in static/comic/sprite.svg (served as one
static file, never inlined); these tests read both the data and the rendered pages."""

import html
import itertools
import json
import re
from pathlib import Path

import pytest

from faq import comic
from faq.models import Question

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HANDBOOK = json.loads((ROOT / "faq" / "data" / "handbook.json").read_text(encoding="utf-8"))
HANDBOOK_QUESTIONS = {q["number"]: q for q in HANDBOOK["questions"]}
DATA = comic.comic_data()
STRIPS = {q["number"]: q for q in DATA["questions"]}
SPRITE_TEXT = comic.SPRITE_FILE.read_text(encoding="utf-8")
SPRITE_IDS = set(re.findall(r'<symbol id="([^"]+)"', SPRITE_TEXT))
NUMBERS = list(range(1, 49))
PLACEHOLDERS = re.compile(r"XX|xx|ＸＸ|TODO|路牌|占位")
# Features a reader tells people apart by (the issue: age, hair, clothes, glasses, colours).
FEATURES = {
    "age": lambda p: p["head"],
    "hair": lambda p: p["hair"],
    "hair colour": lambda p: p["colours"].get("hair"),
    "clothes": lambda p: p["top"],
    "clothes colour": lambda p: p["colours"].get("top"),
    "glasses, hats and the like": lambda p: frozenset(p["extras"]),
}


def squeeze(text: str) -> str:
    return "".join(text.split())


def page(client, number: int) -> str:
    return client.get(f"/faq/q/{number}/").content.decode()


def test_every_question_has_a_strip_of_two_to_four_panels():
    assert sorted(STRIPS) == NUMBERS
    assert {n: len(s["panels"]) for n, s in STRIPS.items() if not 2 <= len(s["panels"]) <= 4} == {}


@pytest.mark.parametrize("number", NUMBERS)
def test_the_page_draws_each_panel_with_a_text_alternative(client, number):
    body = page(client, number)
    panels = STRIPS[number]["panels"]
    assert body.count('<li class="panel">') == len(panels)
    labels = re.findall(r'<svg class="panel-art"[^>]*role="img" aria-label="([^"]+)"', body)
    assert labels == [f"第{i}格，{DATA['scenes'][p['scene']]['name']}：{p['alt']}" for i, p in enumerate(panels, 1)]


def test_no_panel_has_placeholder_words():
    for number, strip in STRIPS.items():
        for panel in strip["panels"]:
            words = [panel["alt"], panel.get("sign", ""), *(b.get("text", "") for b in panel["bubbles"])]
            assert not any(PLACEHOLDERS.search(w) for w in words), (number, words)


def test_question_41_no_longer_shows_the_street_sign_placeholder(client):
    body = page(client, 41)
    assert "XX市" not in body and "路牌" not in body


@pytest.mark.parametrize("number", NUMBERS)
def test_the_handbook_question_and_answer_stay_word_for_word_in_the_page(client, number):
    q = Question.objects.get(number=number)
    body = html.unescape(page(client, number))
    assert f"{q.question}</p>" in body  # the asker's bubble
    assert q.question not in re.search(r"<h1.*?</h1>", body, re.S).group(0)  # the heading is the short title
    for paragraph in q.paragraphs:
        assert f"<p>{paragraph}</p>" in body


def test_the_lead_character_asks_the_handbooks_question_in_a_bubble():
    for number, strip in STRIPS.items():
        askers = [b["who"] for p in strip["panels"] for b in p["bubbles"] if b.get("question")]
        assert askers == [strip["lead"]], number


def test_every_bubble_says_the_handbooks_own_words_or_points_to_the_answer():
    # Captions are word for word; the mascot may quote its answer or point to it, never add policy.
    for number, strip in STRIPS.items():
        source = HANDBOOK_QUESTIONS[number]
        captions = {c["text"] for c in source["captions"]}
        answer = squeeze("".join(source["answer"]))
        for panel in strip["panels"]:
            for bubble in panel["bubbles"]:
                if bubble.get("question"):
                    continue
                text = bubble["text"]
                quoted = text in captions or squeeze(text) in answer
                pointer = bubble["who"] == "mascot" and text in DATA["pointers"]
                assert quoted or pointer, (number, text)


def test_the_mascot_answers_in_the_last_panel_with_the_bureaus_caption_where_the_handbook_gives_one():
    for number, strip in STRIPS.items():
        last = strip["panels"][-1]
        assert "mascot" in {f["who"] for f in last["cast"]}, number
        said = {b["text"] for p in strip["panels"] for b in p["bubbles"] if b["who"] == "mascot"}
        bureau = {c["text"] for c in HANDBOOK_QUESTIONS[number]["captions"] if c["speaker"] == "bureau"}
        assert bureau <= said, number


def test_every_caption_of_the_handbook_is_drawn_except_the_placeholder_sign():
    for number, source in HANDBOOK_QUESTIONS.items():
        said = {b.get("text") for p in STRIPS[number]["panels"] for b in p["bubbles"]}
        kept = {c["text"] for c in source["captions"] if not PLACEHOLDERS.search(c["text"])}
        assert kept <= said, number


def test_every_symbol_a_page_uses_is_in_the_sprite():
    used = {part for n in NUMBERS for p in comic.strip(n)["panels"] for f in p["figures"] for part, _ in f["parts"]}
    used |= {i["symbol"] for n in NUMBERS for p in comic.strip(n)["panels"] for i in p["items"]}
    used |= {s[key] for s in DATA["scenes"].values() for key in ("back", "front") if key in s}
    sheet = comic.contact_sheet()
    used |= {part for person in sheet["people"] for pose in person["poses"] for part, _ in pose["parts"]}
    used |= {part for who in DATA["cast"] for part, _ in comic.thumbnail_parts(who)}
    assert used - SPRITE_IDS == set()


def test_the_rendered_pages_reference_only_symbols_that_exist(client):
    bodies = [page(client, n) for n in (1, 12, 36, 48)] + [
        client.get(u).content.decode() for u in ("/faq/", "/faq/daiyu/", "/faq/cast/")
    ]
    referenced = {ref for body in bodies for ref in re.findall(r'sprite[^"#]*\.svg#([\w-]+)"', body)}
    assert referenced and referenced - SPRITE_IDS == set()


def test_at_least_ten_people_each_differ_from_every_other_in_two_features():
    people = {who: p for who, p in DATA["cast"].items() if who != "mascot"}
    assert len(people) >= 10
    for (a, pa), (b, pb) in itertools.combinations(people.items(), 2):
        differ = [name for name, feature in FEATURES.items() if feature(pa) != feature(pb)]
        assert len(differ) >= 2, (a, b, differ)


def test_the_named_people_of_the_handbook_each_have_their_own_drawing():
    names = {p["name"] for p in DATA["cast"].values()}
    for name in ("老张", "老王", "老周", "李阿姨", "王大爷", "小曹", "张小姐", "张小姐的孩子", "郭姐", "花花", "小蔡"):
        assert name in names


def test_the_strips_use_at_least_eight_scenes():
    used = {p["scene"] for s in STRIPS.values() for p in s["panels"]}
    assert len(used) >= 8 and used <= set(DATA["scenes"])


def test_the_sprite_is_one_static_file_and_not_inlined(client):
    body = page(client, 12)
    assert "<symbol" not in body
    sprite_urls = set(re.findall(r'href="([^"#]+\.svg)#', body))
    assert len(sprite_urls) == 1
    response = client.get(sprite_urls.pop())
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<symbol" in b"".join(response.streaming_content if response.streaming else [response.content])


def test_the_drawings_have_no_inline_styles_or_scripts():
    # The site's CSP forbids them; colours come from CSS custom properties.
    assert "style=" not in SPRITE_TEXT and "<script" not in SPRITE_TEXT and "<style" not in SPRITE_TEXT


def test_the_generated_colours_in_comic_css_match_the_cast_and_the_sprite():
    # Rerun `python -m faq.comic` after changing comic.json's colours or the sprite's.
    css = comic.CSS_FILE.read_text(encoding="utf-8")
    assert css.endswith(comic.generated_css(SPRITE_TEXT))


def test_print_and_forced_colours_reset_every_colour_the_sprite_uses():
    media = [line for line in comic.generated_css(SPRITE_TEXT).splitlines() if line.startswith("@media")]
    assert [line.split("{")[0] for line in media] == ["@media print ", "@media (forced-colors: active) "]
    for name in comic.sprite_colours(SPRITE_TEXT):
        assert all(f"--{name}:" in line for line in media), name


def test_the_section_page_shows_each_questions_lead_as_a_thumbnail(client):
    body = client.get("/faq/daiyu/").content.decode()
    for number in range(8, 24):
        row = re.search(rf'<a href="/faq/q/{number}/">(.*?)</a>', body, re.S).group(1)
        assert f'class="thumb who-{STRIPS[number]["lead"]}"' in row


def test_the_index_shows_the_people_of_each_section(client):
    body = client.get("/faq/").content.decode()
    card = re.search(r'<a class="section-card" href="/faq/yidi/">(.*?)</a>', body, re.S).group(1)
    assert 'class="thumb who-liayi"' in card


def test_each_index_card_shows_one_face_per_question_so_faces_and_count_agree(client):
    # 待遇 has 16 questions asked by 13 people (some ask twice): 16 faces, not 13; 异地 8 questions, 8 faces.
    body = client.get("/faq/").content.decode()
    cards = re.findall(r'<a class="section-card" href="[^"]+">(.*?)</a>', body, re.S)
    assert len(cards) == 7
    for card in cards:
        count = int(re.search(r'<span class="count">(\d+)问</span>', card).group(1))
        faces = re.findall(r'class="thumb who-([\w-]+)"', card)
        assert len(faces) == count, (count, faces)


def test_the_cast_page_shows_everyone_in_five_expressions_and_every_scene(client):
    body = client.get("/faq/cast/").content.decode()
    for person in DATA["cast"].values():
        assert f'<h3 class="cast-name">{person["name"]}</h3>' in body
    for mood in ("提问", "疑惑", "担心", "放心", "开心"):
        assert f"（{mood}）" in body
    for scene in DATA["scenes"].values():
        assert f"场景：{scene['name']}" in body
