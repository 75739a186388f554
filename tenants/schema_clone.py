"""Copying the template schema into a new tenant schema, flat in the number of tenants.

django-tenants' ``clone_schema()`` looks objects up through views that span every schema
(``pg_sequences``, ``pg_indexes``, ``information_schema.table_privileges``, ``.columns`` …),
once per table or per column, so a clone took 0.6 s at 10 tenants and 4.3 s at 229. Here the
template's definition is read once from ``pg_catalog``, starting from its namespace (every
further lookup goes by the oid of one of its relations), turned into one DDL script, and
that script is run in the new schema in one round trip.

The script is read with ``search_path`` set to the template alone, so that PostgreSQL
prints references to the template's own objects unqualified (and those of ``public`` or
``pg_catalog`` qualified); it runs with ``search_path`` set to the new schema, where the
unqualified names resolve to the copies. It copies what the template holds: tables (their
columns, checks, generated columns, storage, statistics and comments through
``CREATE TABLE … (LIKE …)``), identity columns and sequences under the template's names
and with their state, defaults (re-read as text, so a ``nextval()`` names the copy's
sequence), primary-key, unique and exclusion constraints, indexes under the template's
names, foreign keys and the template's rows (the bookkeeping of migrations, content types
and permissions). Kinds of object it does not copy (views, functions, triggers, policies,
grants, partitions, types of their own) make it refuse with their names, rather than
produce a tenant without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from psycopg import sql

_TABLE_LIKE_OPTIONS = (
    "INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE "
    "INCLUDING COMPRESSION INCLUDING STATISTICS INCLUDING COMMENTS"
)


class UnsupportedTemplateObject(RuntimeError):
    """The template holds a kind of object the clone does not copy."""


@dataclass(frozen=True)
class CloneScript:
    """What a clone runs: the statements before the rows, the row copies, the rest."""

    fingerprint: tuple[object, ...]
    structure: tuple[str, ...]
    rows: tuple[str, ...]
    constraints: tuple[str, ...]

    @property
    def statements(self) -> list[str]:
        return [*self.structure, *self.rows, *self.constraints]


_cached: dict[str, CloneScript] = {}


# One cursor for a whole read: django-tenants sets ``search_path`` on every new cursor.
_cursor: ContextVar[CursorWrapper] = ContextVar("schema_clone_cursor")


def _fetch(query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    cursor = _cursor.get()
    cursor.execute(query, list(params))
    return cursor.fetchall()


def _quoted(name: str) -> str:
    return sql.Identifier(name).as_string(connection.connection)


@contextmanager
def _on_search_path(schema: str) -> Iterator[None]:
    """Run the body on one cursor with ``search_path`` set to ``schema`` alone.

    ``SET LOCAL`` in a savepoint: an error in the body rolls the setting back with it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_catalog.current_setting('search_path')")
        previous = cursor.fetchone()[0]
        cursor.execute("SELECT pg_catalog.set_config('search_path', %s, true)", [_quoted(schema)])
        token = _cursor.set(cursor)
        try:
            yield
        finally:
            _cursor.reset(token)
        cursor.execute("SELECT pg_catalog.set_config('search_path', %s, true)", [previous])


def _fingerprint(template: str) -> tuple[object, ...]:
    """Changes whenever a migration ran in the template or it was rebuilt. (No count over
    ``pg_class``: that would scan the relations of every tenant.)"""
    rows = _fetch("SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = %s", [template])
    if not rows:
        raise UnsupportedTemplateObject(f"the template schema {template!r} does not exist")
    applied = _fetch(
        sql.SQL("SELECT count(*), max(id) FROM {}.django_migrations")
        .format(sql.Identifier(template))
        .as_string(connection.connection)
    )[0]
    return (rows[0][0], *applied)


def clone_script(template: str) -> CloneScript:
    """The DDL that recreates ``template`` (cached per process until the template changes)."""
    with _on_search_path(template):
        fingerprint = _fingerprint(template)
        cached = _cached.get(template)
        if cached is not None and cached.fingerprint == fingerprint:
            return cached
        script = _read_template(template, fingerprint)
    _cached[template] = script
    return script


def _refuse_what_is_not_copied(namespace: int) -> None:
    found: list[str] = []
    checks = {
        "relations other than tables, indexes and sequences": (
            "SELECT relname FROM pg_catalog.pg_class WHERE relnamespace = %s"
            " AND (relkind NOT IN ('r', 'i', 'S') OR relpersistence <> 'p' OR relispartition"
            "  OR relacl IS NOT NULL OR relrowsecurity"
            "  OR (relkind = 'r' AND reloptions IS NOT NULL))"
        ),
        "functions": "SELECT proname FROM pg_catalog.pg_proc WHERE pronamespace = %s",
        "types": (
            "SELECT t.typname FROM pg_catalog.pg_type t WHERE t.typnamespace = %s"
            " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid)"
            " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e"
            "  WHERE e.oid = t.typelem AND e.typarray = t.oid AND e.typrelid <> 0)"
        ),
        "triggers, rules and policies": (
            "SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relnamespace = %s AND ("
            " EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g"
            "  WHERE g.tgrelid = c.oid AND NOT g.tgisinternal)"
            " OR EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid)"
            " OR EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid))"
        ),
        "table comments": (
            "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_description d"
            " ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass"
            " AND d.objsubid = 0 WHERE c.relnamespace = %s AND c.relkind = 'r'"
        ),
        "text search configurations": (
            "SELECT cfgname FROM pg_catalog.pg_ts_config WHERE cfgnamespace = %s"
        ),
    }
    for kind, query in checks.items():
        names = [row[0] for row in _fetch(query, [namespace])]
        if names:
            found.append(f"{kind}: {', '.join(sorted(names))}")
    if found:
        raise UnsupportedTemplateObject("the tenant template holds " + "; ".join(found))


def _read_template(template: str, fingerprint: tuple[object, ...]) -> CloneScript:
    namespace = int(fingerprint[0])  # type: ignore[call-overload]
    _refuse_what_is_not_copied(namespace)
    tables = [
        (oid, name)
        for oid, name in _fetch(
            "SELECT oid, relname FROM pg_catalog.pg_class"
            " WHERE relnamespace = %s AND relkind = 'r' ORDER BY relname",
            [namespace],
        )
    ]
    table_oids = [oid for oid, _name in tables]
    sequences = _sequences(namespace)
    structure = [
        *_sequence_statements(sequences),
        *(
            sql.SQL("CREATE TABLE {} (LIKE {}.{} " + _TABLE_LIKE_OPTIONS + ")")
            .format(sql.Identifier(name), sql.Identifier(template), sql.Identifier(name))
            .as_string(connection.connection)
            for _oid, name in tables
        ),
        *_identity_statements(sequences),
        *_default_statements(table_oids),
        *_sequence_ownership_statements(namespace),
    ]
    rows = [*_row_copy_statements(template, tables), *_sequence_state_statements(sequences)]
    constraints = [
        *_key_constraint_statements(table_oids),
        *_index_statements(table_oids),
        *_foreign_key_statements(table_oids),
    ]
    return CloneScript(fingerprint, tuple(structure), tuple(rows), tuple(constraints))


def _sequences(namespace: int) -> list[tuple[Any, ...]]:
    """Every sequence: name, options, last value, and the identity column it serves."""
    return _fetch(
        "SELECT c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqincrement,"
        " s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle,"
        " pg_catalog.pg_sequence_last_value(c.oid), t.relname, a.attname, a.attidentity"
        " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid"
        " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass"
        "  AND d.objid = c.oid AND d.deptype = 'i'"
        "  AND d.refclassid = 'pg_catalog.pg_class'::regclass"
        " LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid"
        " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
        " WHERE c.relnamespace = %s AND c.relkind = 'S' ORDER BY c.relname",
        [namespace],
    )


def _sequence_options(type_name: str | None, *values: Any) -> str:
    increment, minimum, maximum, start, cache, cycle = values
    return (
        (f"AS {type_name} " if type_name else "")
        + f"INCREMENT BY {int(increment)} MINVALUE {int(minimum)}"
        f" MAXVALUE {int(maximum)} START WITH {int(start)} CACHE {int(cache)}"
        + (" CYCLE" if cycle else " NO CYCLE")
    )


def _sequence_statements(sequences: list[tuple[Any, ...]]) -> list[str]:
    """Sequences of their own (not behind an identity column)."""
    return [
        f"CREATE SEQUENCE {_quoted(name)} {_sequence_options(type_name, *options)}"
        for name, type_name, *options, _last, table, _column, _identity in sequences
        if table is None
    ]


def _identity_statements(sequences: list[tuple[Any, ...]]) -> list[str]:
    """Identity columns with the template's sequence names and types (a ``LIKE … INCLUDING
    IDENTITY`` would name them anew and make them bigint). Their type is the column's."""
    return [
        sql.SQL("ALTER TABLE {} ALTER COLUMN {} ADD GENERATED ")
        .format(sql.Identifier(table), sql.Identifier(column))
        .as_string(connection.connection)
        + ("ALWAYS" if identity == "a" else "BY DEFAULT")
        + f" AS IDENTITY (SEQUENCE NAME {_quoted(name)} {_sequence_options(None, *options)})"
        for name, _type, *options, _last, table, column, identity in sequences
        if table is not None
    ]


def _sequence_state_statements(sequences: list[tuple[Any, ...]]) -> list[str]:
    """Every sequence continues where the template's is (after its copied rows)."""
    return [
        sql.SQL("SELECT pg_catalog.setval({}, {}, true)")
        .format(sql.Literal(_quoted(name)), sql.Literal(last))
        .as_string(connection.connection)
        for name, _type, *_options, last, _table, _column, _identity in sequences
        if last is not None  # NULL: never used
    ]


def _sequence_ownership_statements(namespace: int) -> list[str]:
    """``OWNED BY`` of sequences of their own that belong to a column (``serial``)."""
    return [
        sql.SQL("ALTER SEQUENCE {} OWNED BY {}.{}")
        .format(sql.Identifier(sequence), sql.Identifier(table), sql.Identifier(column))
        .as_string(connection.connection)
        for sequence, table, column in _fetch(
            "SELECT s.relname, t.relname, a.attname FROM pg_catalog.pg_class s"
            " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass"
            "  AND d.objid = s.oid AND d.deptype = 'a'"
            "  AND d.refclassid = 'pg_catalog.pg_class'::regclass"
            " JOIN pg_catalog.pg_class t ON t.oid = d.refobjid"
            " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
            " WHERE s.relnamespace = %s AND s.relkind = 'S'",
            [namespace],
        )
    ]


def _default_statements(table_oids: list[int]) -> list[str]:
    """Column defaults as text, so that a ``nextval()`` names the copy's sequence."""
    return [
        # The expression is PostgreSQL's own text: appended, never parsed for placeholders.
        sql.SQL("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT ")
        .format(sql.Identifier(table), sql.Identifier(column))
        .as_string(connection.connection)
        + expression
        for table, column, expression in _fetch(
            "SELECT c.relname, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)"
            " FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid"
            " JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
            " WHERE d.adrelid = ANY(%s) AND a.attgenerated = '' ORDER BY 1, 2",
            [table_oids],
        )
    ]


def _row_copy_statements(template: str, tables: list[tuple[int, str]]) -> list[str]:
    """Copy every table's rows (only bookkeeping rows are ever in the template)."""
    columns_of: dict[int, list[str]] = {}
    for table_oid, column in _fetch(
        "SELECT attrelid, attname FROM pg_catalog.pg_attribute WHERE attrelid = ANY(%s)"
        " AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attrelid, attnum",
        [[oid for oid, _name in tables]],
    ):
        columns_of.setdefault(table_oid, []).append(column)
    statements = []
    for oid, name in tables:
        columns = sql.SQL(", ").join(sql.Identifier(column) for column in columns_of[oid])
        statements.append(
            sql.SQL("INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM {}.{}")
            .format(
                sql.Identifier(name),
                columns,
                columns,
                sql.Identifier(template),
                sql.Identifier(name),
            )
            .as_string(connection.connection)
        )
    return statements


def _constraint_statements(table_oids: list[int], kinds: str) -> list[str]:
    return [
        sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ")
        .format(sql.Identifier(table), sql.Identifier(name))
        .as_string(connection.connection)
        + definition
        for table, name, definition in _fetch(
            "SELECT t.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid)"
            " FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid"
            " WHERE k.conrelid = ANY(%s) AND k.contype = ANY(%s) ORDER BY 1, 2",
            [table_oids, list(kinds)],
        )
    ]


def _key_constraint_statements(table_oids: list[int]) -> list[str]:
    """Primary keys, unique and exclusion constraints (with their indexes, same names)."""
    return _constraint_statements(table_oids, "pux")


def _foreign_key_statements(table_oids: list[int]) -> list[str]:
    return _constraint_statements(table_oids, "f")


def _index_statements(table_oids: list[int]) -> list[str]:
    """Indexes that are not behind a constraint, under the template's names."""
    statements = []
    for schema, table, definition in _fetch(
        "SELECT pg_catalog.quote_ident(n.nspname), pg_catalog.quote_ident(t.relname),"
        " pg_catalog.pg_get_indexdef(x.indexrelid) FROM pg_catalog.pg_index x"
        " JOIN pg_catalog.pg_class t ON t.oid = x.indrelid"
        " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE x.indrelid = ANY(%s)"
        " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
        "  WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid"
        "  AND k.contype IN ('p', 'u', 'x'))"
        " ORDER BY x.indexrelid",
        [table_oids],
    ):
        # pg_get_indexdef() always names the table with its schema (quoted as quote_ident).
        qualified = f" ON {schema}.{table} USING "
        if definition.count(qualified) != 1:
            raise UnsupportedTemplateObject(f"unexpected index definition: {definition}")
        statements.append(definition.replace(qualified, f" ON {table} USING "))
    return statements


def schema_clone(template: str, schema_name: str) -> None:
    """Create ``schema_name`` as a copy of ``template``, rows included, in one round trip.

    Runs in the caller's transaction; the connection's ``search_path`` is what it was."""
    script = clone_script(template)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {_quoted(schema_name)}")
        with _on_search_path(schema_name):
            _cursor.get().execute(";\n".join(script.statements))
