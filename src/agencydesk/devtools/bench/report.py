"""The benchmark's output: a table for the console and one JSON object per line."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from agencydesk.devtools.bench.runner import Result


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def table(results: Iterable[Result]) -> str:
    lines = [
        f"{'scenario':<38} {'app ms':>10} {'floor ms':>10} {'ratio':>8} {'runs':>5} {'errors':>6}"
    ]
    for result in results:
        lines.append(
            f"{result.scenario:<38} {_number(result.app_ms):>10} {_number(result.floor_ms):>10} "
            f"{_number(result.ratio, 2):>8} {result.runs:>5} {result.errors:>6}"
        )
        if "app_rps" in result.extra:
            extra = result.extra
            lines.append(
                f"{'':<4}req/s app {extra['app_rps']} / floor {extra['floor_rps']}, "
                f"p99 app {extra['app_p99_ms']} / floor {extra['floor_p99_ms']} ms"
            )
        if result.note:
            lines.append(f"{'':<4}{result.note}")
    return "\n".join(lines)


def json_lines_write(path: Path, results: Iterable[Result]) -> None:
    with path.open("w", encoding="utf-8") as file:
        for result in results:
            file.write(json.dumps(result.as_json()) + "\n")


class ProgressBar:
    """A one-line progress bar on a terminal (no dependency)."""

    def __init__(self, label: str, stream: TextIO = sys.stdout) -> None:
        self.label, self.stream, self.started = label, stream, time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        elapsed = time.perf_counter() - self.started
        self.stream.write(
            f"\r{self.label:<10} [{'#' * filled}{'-' * (width - filled)}] "
            f"{done:,}/{total:,}  {elapsed:.0f} s"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
