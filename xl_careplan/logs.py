"""Loggers that import ``logging`` the first time something is logged: a check that logs nothing (the usual
case) does not pay for importing it (logging, traceback, string: about 1.5 % of a one-plan check)."""

from __future__ import annotations

from typing import Any


class LazyLogger:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __getattr__(self, attr: str) -> Any:  # debug, warning, error, isEnabledFor …
        import logging

        return getattr(logging.getLogger(self.name), attr)


def get_logger(name: str) -> LazyLogger:
    return LazyLogger(name)
