"""Factories of site operations; behaviour tests go through the services instead."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from agencydesk.operations.models import Contractor, Issue, WorkOrder
from tests.factories import SiteFactory, StaffFactory


class ContractorFactory(DjangoModelFactory):
    class Meta:
        model = Contractor

    name = factory.Sequence(lambda n: f"Lift Company {n}")
    email = factory.Sequence(lambda n: f"dispatch{n}@contractor.example")
    trade = "Lifts"
    language = "en"


class IssueFactory(DjangoModelFactory):
    class Meta:
        model = Issue

    site = factory.SubFactory(SiteFactory)
    title = factory.Sequence(lambda n: f"Finding {n}")
    reported_by = factory.SubFactory(StaffFactory)


class WorkOrderFactory(DjangoModelFactory):
    class Meta:
        model = WorkOrder

    site = factory.SubFactory(SiteFactory)
    title = factory.Sequence(lambda n: f"Work {n}")
    contractor = factory.SubFactory(ContractorFactory)
    created_by = factory.SubFactory(StaffFactory)
