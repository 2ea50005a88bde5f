"""One module per layout; each has NAME, MODELS (what real form it imitates) and build(plan, rng) -> Book."""

from __future__ import annotations

from importlib import import_module

NAMES = ["mhlw", "software", "handmade", "split_pages", "prefecture", "listexport"]


def load(name: str):
    return import_module(f"{__name__}.{name}")


def raw_or(plan, key: str, text):
    """The text a planted problem puts in place of the value (an unreadable date), else ``text``."""
    return plan.raw.get(key, text)
