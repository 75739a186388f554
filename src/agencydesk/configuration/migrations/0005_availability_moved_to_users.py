"""Availability moves onto the user (accounts), where automatic assignment reads it."""

from typing import Any

from django.db import migrations


def availability_copy(apps: Any, schema_editor: Any) -> None:
    StaffAvailability = apps.get_model("configuration", "StaffAvailability")
    User = apps.get_model("accounts", "User")
    unavailable = StaffAvailability.objects.filter(is_available=False).values("user_id")
    User.objects.filter(pk__in=unavailable).update(is_available=False)


def availability_restore(apps: Any, schema_editor: Any) -> None:
    StaffAvailability = apps.get_model("configuration", "StaffAvailability")
    User = apps.get_model("accounts", "User")
    StaffAvailability.objects.bulk_create(
        StaffAvailability(user_id=pk, is_available=False)
        for pk in User.objects.filter(is_available=False).values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("configuration", "0004_audit_token_actions"),
        ("accounts", "0007_team_assignment_and_availability"),
    ]

    operations = [
        migrations.RunPython(availability_copy, availability_restore),
        migrations.DeleteModel(name="StaffAvailability"),
    ]
