"""问33 (how to file for care in another city) links the online channel the handbook names, and only that:
every address in faq/data/online_services.json is one the handbook itself prints, under a question it cites."""

import json
import re

import pytest

from faq.online_services import ONLINE_SERVICES_PATH, online_services

pytestmark = pytest.mark.django_db
HANDBOOK = json.loads((ONLINE_SERVICES_PATH.parent / "handbook.json").read_text(encoding="utf-8"))
ANSWERS = {q["number"]: str(q["answer"]).replace("：", ":") for q in HANDBOOK["questions"]}  # https：// as printed


def test_question_33_links_the_online_filing_channel(client):
    html = client.get("/faq/q/33/").content.decode()
    section = re.search(r'<section class="online".*?</section>', html, re.S).group(0)
    assert '在网上办理异地就医备案：<a href="https://sipub.sz.gov.cn/hspms/"' in section
    assert "深圳市医疗保障局个人网上服务系统</a>" in section and "问34" in section


def test_a_question_without_an_online_channel_shows_no_such_section(client):
    assert 'class="online"' not in client.get("/faq/q/1/").content.decode()


@pytest.mark.parametrize("number", [33, 34, 39])
def test_every_address_is_printed_by_the_handbook_under_a_question_its_source_cites(number):
    for service in online_services(number):
        cited = [int(n) for n in re.findall(r"问(\d+)", service.source)]
        assert cited and any(service.url in ANSWERS[n] for n in cited), service


def test_the_channel_itself_is_the_one_question_33_names():
    assert "个人网上服务系统" in ANSWERS[33] and "个人网上服务系统" in online_services(33)[0].name
