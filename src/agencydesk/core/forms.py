"""Form fields every door shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>`` (photos from a phone,
    documents); optional unless ``required=True``. Each file is checked by the service that
    stores it, all of them before any is written."""

    def __init__(self, *args: Any, accept: str | None = None, **kwargs: Any) -> None:
        attrs = {"accept": accept} if accept else {}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
