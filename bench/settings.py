"""The benchmarks' settings: production settings plus one bare view, the floor that pages are measured against.

The bare view lives only here, never in the production URLs."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
