"""``make run`` prints the demo tenants' URLs and logins last: after the web server answers
and the worker has drained the demo's background work (mail as .eml files in development)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from agencydesk.core.mail import EmlFileEmailBackend
from agencydesk.devtools.devserver import Announcement, Settled, broker_drained, startup_summary


def test_given_not_ready_when_polled_then_silent_and_once_ready_printed_once(capsys) -> None:
    ready = {"now": False}
    announcement = Announcement(text=lambda: "LOGINS", ready=lambda: ready["now"])

    announcement.poll()
    assert capsys.readouterr().out == ""
    ready["now"] = True
    announcement.poll()
    announcement.poll()

    assert capsys.readouterr().out == "LOGINS\n"


def test_given_never_ready_when_the_timeout_passes_then_printed_anyway(capsys) -> None:
    announcement = Announcement(text=lambda: "LOGINS", ready=lambda: False, timeout=0.0)

    announcement.poll()

    assert capsys.readouterr().out == "LOGINS\n"


def test_given_mail_still_arriving_when_checking_then_not_settled_until_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENCYDESK_DATA_DIR", str(tmp_path))
    settled = Settled(lambda: True, quiet_seconds=0.3)
    assert not settled()  # the quiet period has just begun
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "1.eml").write_text("x")

    assert not settled()
    time.sleep(0.35)
    assert settled()


def test_given_tasks_in_the_filesystem_broker_then_not_drained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENCYDESK_DATA_DIR", str(tmp_path))
    (tmp_path / "broker").mkdir()
    assert broker_drained({})
    (tmp_path / "broker" / "task.msg").write_text("{}")

    assert not broker_drained({})
    assert broker_drained({"REDIS_URL": "redis://127.0.0.1:6379/0"})


def test_given_no_email_url_then_summary_says_where_mail_went_and_ends_with_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENCYDESK_DATA_DIR", str(tmp_path))

    summary = startup_summary("Sauber: http://sauber.localhost:8000/\n", {"PORT": "8000"})

    assert "Sauber: http://sauber.localhost:8000/" in summary
    assert f"as .eml files in {tmp_path / 'mail'}/" in summary
    assert summary.rstrip().endswith("Ctrl-C stops both.")
    assert ".eml" not in startup_summary("x", {"PORT": "8000", "EMAIL_URL": "smtp://h:25"})


def test_given_eml_backend_when_sending_then_one_file_and_one_console_line_per_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backend = EmlFileEmailBackend(file_path=tmp_path)
    messages = [
        EmailMessage(f"Ticket {n}", "Body", "a@example.com", ["b@example.com"]) for n in (1, 2)
    ]

    assert backend.send_messages(messages) == 2

    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    assert b"Subject: Ticket" in files[0].read_bytes()
    assert mail.outbox == []  # nothing went to the test outbox instead
    console = capsys.readouterr().out.splitlines()
    assert console == [f"mail to b@example.com: Ticket {n} ({files[n - 1]})" for n in (1, 2)]


def test_given_noisy_children_when_running_together_then_announcement_comes_after(
    tmp_path: Path,
) -> None:
    noisy = [
        sys.executable,
        "-c",
        "print('startup noise', flush=True); import time; time.sleep(60)",
    ]
    flag = tmp_path / "ready"
    script = textwrap.dedent(
        f"""
        import os, pathlib, sys, threading, time
        from agencydesk.devtools.devserver import Announcement, run_together
        threading.Timer(1.0, lambda: pathlib.Path({str(flag)!r}).touch()).start()
        announcement = Announcement(
            text=lambda: "LOGINS", ready=lambda: pathlib.Path({str(flag)!r}).exists()
        )
        threading.Timer(2.5, lambda: os.kill(os.getpid(), 15)).start()
        sys.exit(run_together([{noisy!r}], env=dict(os.environ), announcement=announcement))
        """
    )

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.index("startup noise") < result.stdout.index("LOGINS")
