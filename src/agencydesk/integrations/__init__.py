"""Integrations with other systems: signed webhooks for ticket events."""
