"""The outbox sends the delivery task by name (the services never import the tasks module):
the name must be the one the task is registered under."""

from __future__ import annotations

from celery import current_app

from agencydesk.notifications.outbox import MESSAGE_DELIVER_TASK
from agencydesk.notifications.tasks import message_deliver


def test_the_delivery_task_is_registered_under_the_name_the_outbox_sends() -> None:
    assert message_deliver.name == MESSAGE_DELIVER_TASK
    assert current_app.tasks[MESSAGE_DELIVER_TASK].name == message_deliver.name
