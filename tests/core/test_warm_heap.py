"""A worker's heap is frozen out of Python's full garbage collections once, after its first requests
(core/warm_heap.py)."""

from unittest import mock

import pytest
from django.test import override_settings

from core import warm_heap

pytestmark = pytest.mark.django_db


@pytest.fixture
def collector():
    """gc's collect and freeze, recorded in the order called (the test run's own heap is left as it is)."""
    warm_heap._served["requests"] = 0
    calls = mock.Mock()
    with (
        mock.patch.object(warm_heap.gc, "collect", calls.collect),
        mock.patch.object(warm_heap.gc, "freeze", calls.freeze),
    ):
        yield calls
    warm_heap._served["requests"] = 0


@override_settings(WARM_HEAP_AFTER_REQUESTS=3)
def test_the_heap_is_collected_then_frozen_once_after_the_third_request(client, collector):
    client.get("/")
    client.get("/faq/q/12/")
    assert collector.mock_calls == []  # not warm yet
    client.get("/calc/")
    assert collector.mock_calls == [mock.call.collect(), mock.call.freeze()]  # only live objects are frozen
    for _ in range(3):
        client.get("/")
    assert collector.mock_calls == [mock.call.collect(), mock.call.freeze()]  # once in a worker's life


@override_settings(WARM_HEAP_AFTER_REQUESTS=0)
def test_zero_never_freezes(client, collector):
    for _ in range(5):
        client.get("/")
    assert collector.mock_calls == []
