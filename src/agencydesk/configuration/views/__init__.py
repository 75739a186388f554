"""Configuration pages for tenant admins; every view sits behind ``tenant_admin_required``."""
