"""Views of the staff UI, one module per page (all behind ``staff_required``
but ``attachments``, which serves every audience)."""
