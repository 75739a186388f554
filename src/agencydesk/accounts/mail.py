"""Account mail (invitations, password reset links) as requests to whoever delivers mail.

Accounts sit below the notification feature, so they announce what should be mailed and the
notifications app (registered in its AppConfig.ready()) writes it to the outbox — inside the
caller's transaction, sent by the worker after commit. The registry holds functions only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agencydesk.accounts.models import User


class AccountMailKind:
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a kind of mail, not a password


@dataclass(frozen=True)
class AccountMail:
    kind: str
    user: User
    url: str  # the one-time link, absolute


AccountMailer = Callable[[AccountMail], None]
_mailers: list[AccountMailer] = []


def account_mailer_register(mailer: AccountMailer) -> AccountMailer:
    if mailer not in _mailers:
        _mailers.append(mailer)
    return mailer


def account_mail_request(*, kind: str, user: User, url: str) -> None:
    if not _mailers:
        raise RuntimeError("No account mailer registered (is agencydesk.notifications installed?)")
    mail = AccountMail(kind=kind, user=user, url=url)
    for mailer in list(_mailers):
        mailer(mail)
