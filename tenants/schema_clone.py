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


# By database and template: a process that works in two databases (the benchmark, which
# provisions alternately in two) keeps the script of each.
_cached: dict[tuple[str, str], CloneScript] = {}


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
        key = (str(connection.settings_dict["NAME"]), template)
        cached = _cached.get(key)
        if cached is not None and cached.fingerprint == fingerprint:
            return cached
        script = _read_template(template, fingerprint)
    _cached[key] = script
    return script


# The objects that live in a namespace, found through pg_depend's index on the referenced
# object. (pg_class has no index on relnamespace: a filter on it reads the relations of
# every tenant, 0.4 s of catalog scans per copy at 1,000 tenants.) Indexes are not among
# them (they depend on their table), nor are the row types of tables.
_NAMESPACE_MEMBERS = (
    "FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_namespace'::regclass"
    " AND d.refobjid = %s AND d.deptype = 'n'"
)


def _relations(namespace: int) -> list[tuple[Any, ...]]:
    """oid, name and kind of the template's tables and sequences."""
    relations = _fetch(
        "SELECT c.oid, c.relname, c.relkind, c.relpersistence <> 'p' OR c.relispartition"  # noqa: S608 -- constants only
        "  OR c.relacl IS NOT NULL OR c.relrowsecurity"
        "  OR (c.relkind = 'r' AND c.reloptions IS NOT NULL)"
        " FROM pg_catalog.pg_class c WHERE c.oid IN (SELECT d.objid "
        + _NAMESPACE_MEMBERS
        + " AND d.classid = 'pg_catalog.pg_class'::regclass) ORDER BY c.relname",
        [namespace],
    )
    others = [
        row[0]
        for row in _fetch(
            "SELECT pg_catalog.pg_describe_object(d.classid, d.objid, 0) "
            + _NAMESPACE_MEMBERS
            + " AND d.classid <> 'pg_catalog.pg_class'::regclass",
            [namespace],
        )
    ]
    found: list[str] = []
    unusual = [name for _oid, name, kind, special in relations if kind not in "rS" or special]
    if unusual:
        found.append(
            "relations other than plain tables and sequences: " + ", ".join(sorted(unusual))
        )
    if others:
        found.append("other objects: " + ", ".join(sorted(others)))
    tables = [oid for oid, _name, kind, _special in relations if kind == "r"]
    for kind, query in {
        "triggers, rules, policies or comments on tables": (
            "SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = ANY(%s) AND ("
            " EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g"
            "  WHERE g.tgrelid = c.oid AND NOT g.tgisinternal)"
            " OR EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid)"
            " OR EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid)"
            " OR EXISTS (SELECT 1 FROM pg_catalog.pg_description e WHERE e.objoid = c.oid"
            "  AND e.classoid = 'pg_catalog.pg_class'::regclass AND e.objsubid = 0))"
        ),
    }.items():
        names = [row[0] for row in _fetch(query, [tables])]
        if names:
            found.append(f"{kind}: {', '.join(sorted(names))}")
    if found:
        raise UnsupportedTemplateObject("the tenant template holds " + "; ".join(found))
    return relations


def _read_template(template: str, fingerprint: tuple[object, ...]) -> CloneScript:
    relations = _relations(int(fingerprint[0]))  # type: ignore[call-overload]
    tables = [(oid, name) for oid, name, kind, _special in relations if kind == "r"]
    table_oids = [oid for oid, _name in tables]
    sequences = _sequences([oid for oid, _name, kind, _special in relations if kind == "S"])
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
        *_sequence_ownership_statements(sequences),
    ]
    rows = [*_row_copy_statements(template, tables), *_sequence_state_statements(sequences)]
    constraints = [
        *_key_constraint_statements(table_oids),
        *_index_statements(table_oids),
        *_foreign_key_statements(table_oids),
    ]
    return CloneScript(fingerprint, tuple(structure), tuple(rows), tuple(constraints))


@dataclass(frozen=True)
class _Sequence:
    name: str
    type_name: str
    options: tuple[Any, ...]  # increment, min, max, start, cache, cycle
    last_value: int | None  # None: never used
    table: str | None  # of the identity column it serves, or of the column owning it
    column: str | None
    identity: str  # "a" (ALWAYS), "d" (BY DEFAULT), "" (a sequence of its own)


def _sequences(sequence_oids: list[int]) -> list[_Sequence]:
    """Every sequence with its options, state and the column it serves or belongs to."""
    return [
        _Sequence(name, type_name, tuple(options), last, table, column, identity or "")
        for name, type_name, *options, last, table, column, identity in _fetch(
            "SELECT c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqincrement,"
            " s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle,"
            " pg_catalog.pg_sequence_last_value(c.oid), t.relname, a.attname,"
            " CASE WHEN d.deptype = 'i' THEN a.attidentity END"
            " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid"
            " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass"
            "  AND d.objid = c.oid AND d.deptype IN ('i', 'a')"
            "  AND d.refclassid = 'pg_catalog.pg_class'::regclass"
            " LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid"
            " LEFT JOIN pg_catalog.pg_attribute a"
            "  ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
            " WHERE c.oid = ANY(%s) ORDER BY c.relname",
            [sequence_oids],
        )
    ]


def _sequence_options(type_name: str | None, options: tuple[Any, ...]) -> str:
    increment, minimum, maximum, start, cache, cycle = options
    return (
        (f"AS {type_name} " if type_name else "")
        + f"INCREMENT BY {int(increment)} MINVALUE {int(minimum)}"
        f" MAXVALUE {int(maximum)} START WITH {int(start)} CACHE {int(cache)}"
        + (" CYCLE" if cycle else " NO CYCLE")
    )


def _sequence_statements(sequences: list[_Sequence]) -> list[str]:
    """Sequences of their own (not behind an identity column)."""
    return [
        f"CREATE SEQUENCE {_quoted(seq.name)} {_sequence_options(seq.type_name, seq.options)}"
        for seq in sequences
        if not seq.identity
    ]


def _identity_statements(sequences: list[_Sequence]) -> list[str]:
    """Identity columns with the template's sequence names and types (a ``LIKE … INCLUDING
    IDENTITY`` would name them anew and make them bigint). Their type is the column's."""
    return [
        sql.SQL("ALTER TABLE {} ALTER COLUMN {} ADD GENERATED ")
        .format(sql.Identifier(seq.table or ""), sql.Identifier(seq.column or ""))
        .as_string(connection.connection)
        + ("ALWAYS" if seq.identity == "a" else "BY DEFAULT")
        + f" AS IDENTITY (SEQUENCE NAME {_quoted(seq.name)}"
        f" {_sequence_options(None, seq.options)})"
        for seq in sequences
        if seq.identity
    ]


def _sequence_state_statements(sequences: list[_Sequence]) -> list[str]:
    """Every sequence continues where the template's is (after its copied rows)."""
    return [
        sql.SQL("SELECT pg_catalog.setval({}, {}, true)")
        .format(sql.Literal(_quoted(seq.name)), sql.Literal(seq.last_value))
        .as_string(connection.connection)
        for seq in sequences
        if seq.last_value is not None
    ]


def _sequence_ownership_statements(sequences: list[_Sequence]) -> list[str]:
    """``OWNED BY`` of sequences of their own that belong to a column (``serial``)."""
    return [
        sql.SQL("ALTER SEQUENCE {} OWNED BY {}.{}")
        .format(
            sql.Identifier(seq.name), sql.Identifier(seq.table), sql.Identifier(seq.column or "")
        )
        .as_string(connection.connection)
        for seq in sequences
        if not seq.identity and seq.table is not None
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
            # From the list of oids outward: the catalogs' statistics can be far off (they
            # grow by hundreds of rows per tenant), and a join planned from pg_attrdef's
            # side sorted every tenant's relations (130 ms at 1,000 tenants, 3 ms so).
            "SELECT c.relname, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)"
            " FROM unnest(%s::oid[]) AS r(oid) JOIN pg_catalog.pg_class c ON c.oid = r.oid"
            " JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid"
            " JOIN pg_catalog.pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum"
            " WHERE a.attgenerated = '' ORDER BY 1, 2",
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
