import pytest

from tests.conftest import in_schema
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_each_tenant_has_its_own_number_sequence(tenant, other_tenant):
    first_alpha = TicketFactory().number
    with in_schema(other_tenant):
        first_beta = TicketFactory().number
    second_alpha = TicketFactory().number

    assert second_alpha == first_alpha + 1
    assert first_beta >= 1
