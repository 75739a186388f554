"""The API's JSON parser: refuses deep nesting and NUL bytes before any view sees the data.

Python's ``json`` module recurses once per nesting level, so a body nested a few thousand
levels deep raises RecursionError (a 500). The depth is measured on the raw bytes first,
skipping string contents, and only a body within the limit is parsed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from agencydesk.core.limits import JSON_MAX_DEPTH, has_nul

# A JSON string (escapes included) and the brackets outside strings.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


def json_depth_exceeds(raw: bytes, limit: int) -> bool:
    """Whether the brackets of the JSON text ``raw`` nest deeper than ``limit``."""
    depth = 0
    for bracket in _BRACKETS.findall(_STRING.sub(b'""', raw)):
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with a nesting limit and a NUL check on every string."""

    max_depth = JSON_MAX_DEPTH

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        raw = stream.read() if stream is not None else b""
        if json_depth_exceeds(raw, self.max_depth):
            raise ParseError(
                _("The JSON body is nested too deeply (at most %(max)d levels).")
                % {"max": self.max_depth}
            )
        data = super().parse(io.BytesIO(raw), media_type, parser_context)
        if has_nul(data):
            raise ParseError(_("The JSON body contains a NUL character, which is not allowed."))
        return data
