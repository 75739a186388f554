"""Sites as a tree through the configuration API and pages, and its tenant settings (README
"Sites as a tree")."""

from __future__ import annotations

import pytest

from agencydesk.customers.models import SITE_TREE_MAX_DEPTH, Site
from tenants.models import Tenant
from tests.factories import CustomerFactory, SiteFactory

pytestmark = pytest.mark.django_db


def _post_site(admin_api, **body):
    return admin_api.post("/api/v1/sites/", body, format="json")


def test_given_a_block_when_posting_a_unit_with_parent_then_it_nests_below(admin_api, tenant):
    customer = CustomerFactory()
    block = _post_site(admin_api, name="Block A", customer=customer.pk, code="BLK").json()

    answer = _post_site(admin_api, name="Unit 1", customer=customer.pk, parent=block["id"])

    assert answer.status_code == 201, answer.content
    assert answer.json()["parent"] == block["id"]
    assert answer.json()["ancestors"] == [block["id"]]


def test_given_a_parent_of_another_customer_when_posting_then_400_and_nothing_saved(
    admin_api, tenant
):
    other_block = SiteFactory()

    answer = _post_site(
        admin_api, name="Unit 1", customer=CustomerFactory().pk, parent=other_block.pk
    )

    assert answer.status_code == 400
    assert "parent" in answer.json()
    assert not Site.objects.filter(name="Unit 1").exists()


def test_given_a_block_when_moving_it_below_its_own_unit_then_400(admin_api, tenant):
    block = SiteFactory()
    unit = SiteFactory(customer=block.customer, parent=block, ancestors=[block.pk])

    answer = admin_api.patch(f"/api/v1/sites/{block.pk}/", {"parent": unit.pk}, format="json")

    assert answer.status_code == 400
    assert "parent" in answer.json()
    block.refresh_from_db()
    assert block.parent_id is None


def test_given_a_subtree_when_its_root_moves_then_every_path_below_follows(admin_api, tenant):
    estate = SiteFactory(name="Estate")
    block = SiteFactory(customer=estate.customer, name="Block")
    unit = SiteFactory(customer=estate.customer, parent=block, ancestors=[block.pk])
    room = SiteFactory(customer=estate.customer, parent=unit, ancestors=[block.pk, unit.pk])

    answer = admin_api.patch(f"/api/v1/sites/{block.pk}/", {"parent": estate.pk}, format="json")

    assert answer.status_code == 200, answer.content
    unit.refresh_from_db()
    room.refresh_from_db()
    assert unit.ancestors == [estate.pk, block.pk]
    assert room.ancestors == [estate.pk, block.pk, unit.pk]


def test_given_the_deepest_allowed_tree_when_adding_one_more_level_then_400(admin_api, tenant):
    parent = SiteFactory()
    for _level in range(SITE_TREE_MAX_DEPTH - 1):
        parent = SiteFactory(
            customer=parent.customer, parent=parent, ancestors=[*parent.ancestors, parent.pk]
        )

    answer = _post_site(admin_api, name="Too deep", customer=parent.customer_id, parent=parent.pk)

    assert answer.status_code == 400
    assert "parent" in answer.json()


def test_given_a_shared_location_when_posting_it_then_it_serves_the_customers(admin_api, tenant):
    first, second = CustomerFactory(), CustomerFactory()

    answer = _post_site(
        admin_api, name="Harbour Hub", customer=None, served_customers=[first.pk, second.pk]
    )

    assert answer.status_code == 201, answer.content
    assert sorted(answer.json()["served_customers"]) == sorted([first.pk, second.pk])
    assert Site.objects.get(name="Harbour Hub").customer_id is None


def test_given_a_customer_site_when_given_served_customers_then_400(admin_api, tenant):
    answer = _post_site(
        admin_api,
        name="Own block",
        customer=CustomerFactory().pk,
        served_customers=[CustomerFactory().pk],
    )

    assert answer.status_code == 400
    assert "served_customers" in answer.json()


def test_given_an_unknown_field_when_posting_a_site_then_400(admin_api, tenant):
    answer = _post_site(admin_api, name="X", customer=CustomerFactory().pk, colour="red")

    assert answer.status_code == 400
    assert "colour" in answer.json()


def test_given_a_tenant_admin_when_reading_settings_then_numbering_and_staff_visibility_show(
    admin_api, tenant
):
    body = admin_api.get("/api/v1/settings/").json()

    assert body["numbering"] == "tenant"
    assert body["staff_ticket_visibility"] == "unpublished"
    assert body["report_visibility_explicit"] is False


def test_given_a_tenant_admin_when_patching_numbering_and_visibility_then_they_are_stored(
    admin_api, tenant
):
    answer = admin_api.patch(
        "/api/v1/settings/",
        {"numbering": "site", "staff_ticket_visibility": "private"},
        format="json",
    )

    assert answer.status_code == 200, answer.content
    stored = Tenant.objects.get(pk=tenant.pk)
    assert (stored.numbering, stored.staff_ticket_visibility) == ("site", "private")


@pytest.mark.parametrize("body", [{"numbering": "block"}, {"staff_ticket_visibility": "everyone"}])
def test_given_a_bad_choice_when_patching_settings_then_400_with_the_field(admin_api, tenant, body):
    answer = admin_api.patch("/api/v1/settings/", body, format="json")

    assert answer.status_code == 400
    assert set(body) <= set(answer.json())


def test_given_a_block_and_units_when_viewing_the_customer_page_then_units_follow_their_block(
    admin_client, tenant
):
    customer = CustomerFactory()
    block = SiteFactory(customer=customer, name="B Block")
    SiteFactory(customer=customer, name="A Unit", parent=block, ancestors=[block.pk])
    SiteFactory(customer=customer, name="C Building")

    page = admin_client.get(f"/configuration/customers/{customer.pk}/").content.decode()

    assert page.index("B Block") < page.index("A Unit") < page.index("C Building")


def test_given_the_shared_location_page_when_saving_then_the_site_serves_the_customers(
    admin_client, tenant
):
    customer = CustomerFactory()

    answer = admin_client.post(
        "/configuration/shared-sites/new/",
        {
            "name": "Harbour Hub",
            "code": "HUB",
            "served_customers": [customer.pk],
            "is_active": "on",
        },
    )

    assert answer.status_code == 302, answer.content.decode()[:2000]
    hub = Site.objects.get(name="Harbour Hub")
    assert hub.customer_id is None
    assert list(hub.served_customers.all()) == [customer]


def test_given_a_shared_location_when_inviting_a_customer_user_then_it_can_be_chosen(
    admin_client, tenant
):
    customer = CustomerFactory()
    hub = SiteFactory(customer=None, name="Harbour Hub")
    hub.served_customers.add(customer)
    SiteFactory(customer=None, name="Other Hub")

    answer = admin_client.get(f"/configuration/customers/{customer.pk}/users/invite/")

    sites = list(answer.context["form"].fields["sites"].queryset)
    assert sites == [hub]
