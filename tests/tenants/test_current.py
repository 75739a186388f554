"""``current_tenant()``: the row of the tenant whose schema the connection is in."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from tenants.current import current_tenant

pytestmark = pytest.mark.django_db


def test_given_connection_set_to_a_tenant_then_its_own_object_without_a_query(
    tenant, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert current_tenant() is tenant


def test_given_schema_context_then_the_row_of_that_schema(tenant, other_tenant):
    # schema_context (tasks, commands) leaves only a stand-in on the connection.
    with schema_context(other_tenant.schema_name):
        found = current_tenant()
    assert found.pk == other_tenant.pk
    assert found.slug == other_tenant.slug
