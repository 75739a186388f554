"""The audit log as sentences, in the reader's language.

Entries store structured data (``changes`` = {field: [old, new]} with raw values and ids,
see ``configuration/audit.py``); this module turns them into text when the log is shown:
field labels from the models' verbose names, choices by their labels, ids by the names of
their rows (looked up in bulk, one query per model), yes/no for flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencydesk.configuration.models import AuditAction, AuditEntry
from agencydesk.core.i18n import pick_translation
from agencydesk.customers.models import CustomerUser, PortalSettings
from agencydesk.tickets.models import CustomField, TicketType

# Keys that are no model field of the entry's object (written by the services as such).
EXTRA_LABELS = {
    "password_set": gettext_lazy("Password"),
    "custom_fields": gettext_lazy("Custom fields"),
    "ticket_types": gettext_lazy("Ticket types in the portal"),
    "order": gettext_lazy("Order"),
    "customer": gettext_lazy("Customer"),
    "teams": gettext_lazy("Teams"),
    "sites": gettext_lazy("Sites"),
}
# Models whose fields an entry of ``object_type`` may carry besides its own.
RELATED_MODELS: dict[str, Sequence[type[models.Model]]] = {
    "portalsettings": (PortalSettings, CustomerUser),
    "user": (CustomerUser,),
}
SECRET_MARK = "•••"  # noqa: S105 - the prefix of a secret's fingerprint (configuration/audit.py)


@dataclass(frozen=True)
class AuditLine:
    entry: AuditEntry
    summary: str
    changes: list[str]


def _models_by_name() -> dict[str, type[models.Model]]:
    return {str(model._meta.model_name): model for model in apps.get_models()}


def _field(object_type: str, name: str, by_name: dict[str, type[models.Model]]) -> Any:
    candidates = [by_name.get(object_type), *RELATED_MODELS.get(object_type, ())]
    for model in candidates:
        if model is None:
            continue
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            pass  # try the next model
    return None


def _label(field: Any, name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    verbose = getattr(field, "verbose_name", None)
    return capfirst(str(verbose)) if verbose else capfirst(name.replace("_", " "))


class _Names:
    """Names of referenced rows, fetched once per model for a whole page of entries."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = {}
        self.found: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model: type[models.Model], values: Iterable[Any]) -> None:
        self.wanted.setdefault(model, set()).update(v for v in values if v not in (None, ""))

    def load(self) -> None:
        for model, ids in self.wanted.items():
            for obj in model._default_manager.filter(pk__in=ids):
                name = getattr(obj, "display_name", None) or str(obj)
                self.found[(model, obj.pk)] = name

    def name(self, model: type[models.Model], value: Any) -> str:
        return self.found.get((model, value), _("#%(id)s (deleted)") % {"id": value})


def _target_model(field: Any, name: str) -> type[models.Model] | None:
    if name in {"ticket_types", "order"}:
        return TicketType
    related = getattr(field, "related_model", None)
    return related if isinstance(related, type) else None


def _values(old: Any, new: Any) -> list[Any]:
    values: list[Any] = []
    for value in (old, new):
        values.extend(value if isinstance(value, list) else [value])
    return values


def _plain(value: Any, field: Any, model: type[models.Model] | None, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return _("empty")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if model is not None:
        items = value if isinstance(value, list) else [value]
        return ", ".join(names.name(model, item) for item in items)
    if isinstance(value, dict):  # a translatable text: {"de": …, "en": …}
        return pick_translation(value) or _("empty")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    choices = dict(getattr(field, "flatchoices", None) or [])
    if value in choices:
        return str(choices[value])
    return str(value)


def _rule_text(rule: Sequence[Any] | None) -> str:
    if not rule:
        return _("not offered")
    _type_id, can_see, can_create = rule
    if can_see and can_create:
        return _("seen and created")
    if can_see:
        return _("seen only")
    if can_create:
        return _("created only")
    return _("neither seen nor created")


def _rules_sentences(old: Any, new: Any, names: _Names) -> list[str]:
    before = {rule[0]: rule for rule in old or []}
    after = {rule[0]: rule for rule in new or []}
    sentences = []
    for type_id in sorted({*before, *after}):
        if before.get(type_id) == after.get(type_id):
            continue
        sentences.append(
            _("In the portal, “%(type)s” is now %(new)s (before: %(old)s).")
            % {
                "type": names.name(TicketType, type_id),
                "new": _rule_text(after.get(type_id)),
                "old": _rule_text(before.get(type_id)),
            }
        )
    return sentences


def _custom_field_sentences(old: Any, new: Any) -> list[str]:
    before = {spec["key"]: spec for spec in old or []}
    after = {spec["key"]: spec for spec in new or []}
    kinds = dict(CustomField._meta.get_field("kind").flatchoices)
    sentences = []
    for key in dict.fromkeys([*before, *after]):
        spec = after.get(key) or before[key]
        values = {"label": pick_translation(spec.get("label")) or key}
        if key not in before:
            values["kind"] = str(kinds.get(spec.get("kind"), spec.get("kind")))
            sentences.append(_("Custom field “%(label)s” (%(kind)s) added.") % values)
        elif key not in after:
            sentences.append(_("Custom field “%(label)s” removed.") % values)
        elif before[key] != after[key]:
            sentences.append(_("Custom field “%(label)s” changed.") % values)
    return sentences


def _change_sentence(label: str, old: Any, new: Any, shown_old: str, shown_new: str) -> str:
    values = {"field": label, "old": shown_old, "new": shown_new}
    if isinstance(new, bool) and old in (None, True, False):
        return (_("%(field)s: switched on.") if new else _("%(field)s: switched off.")) % values
    if any(isinstance(v, str) and v.startswith(SECRET_MARK) for v in (old, new)):
        return _("%(field)s changed (the value is not shown).") % values
    if old in (None, "", []):
        return _("%(field)s set to %(new)s.") % values
    if new in (None, "", []):
        return _("%(field)s cleared (was %(old)s).") % values
    return _("%(field)s changed from %(old)s to %(new)s.") % values


SUMMARIES: dict[str, Any] = {
    AuditAction.CREATED: gettext_lazy("%(type)s “%(object)s” was created."),
    AuditAction.UPDATED: gettext_lazy("%(type)s “%(object)s” was changed."),
    AuditAction.DELETED: gettext_lazy("%(type)s “%(object)s” was deleted."),
    AuditAction.INVITED: gettext_lazy("%(type)s “%(object)s” was invited."),
    AuditAction.TRASHED: gettext_lazy("%(type)s “%(object)s” was moved to the trash."),
    AuditAction.RESTORED: gettext_lazy("%(type)s “%(object)s” was restored from the trash."),
    AuditAction.PURGED: gettext_lazy(
        "%(type)s “%(object)s” was deleted for good (its time in the trash was over)."
    ),
    AuditAction.TOKEN_ISSUED: gettext_lazy("%(type)s “%(object)s” was given an API token."),
    AuditAction.TOKEN_REVOKED: gettext_lazy("%(type)s “%(object)s” lost an API token."),
}


def _token_sentence(old: Any, new: Any) -> str:
    if new:
        return _("Token %(token)s issued.") % {"token": new}
    return _("Token %(token)s revoked.") % {"token": old}


def _summary(entry: AuditEntry, by_name: dict[str, type[models.Model]]) -> str:
    if entry.object_type == "tickettype" and not entry.object_id and "order" in entry.changes:
        return _("The order of the ticket types was changed.")
    model = by_name.get(entry.object_type)
    type_label = str(model._meta.verbose_name) if model else entry.object_type
    template = SUMMARIES.get(entry.action, SUMMARIES[AuditAction.UPDATED])
    return str(template) % {"type": capfirst(type_label), "object": entry.object_repr}


def _sentences(
    entry: AuditEntry, by_name: dict[str, type[models.Model]], names: _Names
) -> list[str]:
    sentences: list[str] = []
    for name, (old, new) in entry.changes.items():
        if name == "ticket_types":
            sentences += _rules_sentences(old, new, names)
        elif name == "custom_fields":
            sentences += _custom_field_sentences(old, new)
        elif name == "password_set":
            sentences.append(_("A password was set."))
        elif name == "token":
            sentences.append(_token_sentence(old, new))
        elif name == "order":
            sentences.append(
                _("New order: %(order)s.") % {"order": _plain(new, None, TicketType, names)}
            )
        else:
            field = _field(entry.object_type, name, by_name)
            model = _target_model(field, name)
            shown_old, shown_new = (_plain(v, field, model, names) for v in (old, new))
            sentences.append(_change_sentence(_label(field, name), old, new, shown_old, shown_new))
    return sentences


def audit_lines(entries: Iterable[AuditEntry]) -> list[AuditLine]:
    """Readable lines for a page of entries (a fixed number of queries per page)."""
    rows = list(entries)
    by_name = _models_by_name()
    names = _Names()
    for entry in rows:
        for name, (old, new) in entry.changes.items():
            field = _field(entry.object_type, name, by_name)
            model = _target_model(field, name)
            if model is not None:
                ids = [rule[0] for rule in _values(old, new) if isinstance(rule, list)]
                names.want(model, ids or _values(old, new))
    names.load()
    return [
        AuditLine(
            entry=entry,
            summary=_summary(entry, by_name),
            changes=_sentences(entry, by_name, names),
        )
        for entry in rows
    ]
