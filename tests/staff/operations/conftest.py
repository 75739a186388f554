"""The site-operations fixtures, shared with the tests of the services in tests/operations."""

from tests.operations.conftest import contractor, issue, work_order

__all__ = ["contractor", "issue", "work_order"]
