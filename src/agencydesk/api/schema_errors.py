"""The error answers every operation can give, documented once for all of them.

A postprocessing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``) adds them to each
operation after the views were read, so it knows each operation's parameters and security:
400 where there is input (a body or query parameters) or a change can be refused, 401 and 403
where a login is needed, 404 where a path names an object or a list is paged, 429 everywhere
(throttles). An answer a view documents itself (``extend_schema(responses=…)``) is kept; one
it documents without a body (``OpenApiResponse(description=…)``) gets the shared shape. The
shapes are those of ``api/errors.py``: ``{"detail": "…"}``, and for 400 the field errors.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"
# A delete can be refused too (an object still in use).
_WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


def _components() -> dict[str, Any]:
    return {
        ERROR: {
            "type": "object",
            "description": _("An error with a message in the user's language."),
            "properties": {"detail": {"type": "string", "readOnly": True}},
            "required": ["detail"],
        },
        VALIDATION_ERROR: {
            "type": "object",
            "description": _(
                "Refused input: for each field the list of its errors (for nested input the "
                "same shape inside), ``non_field_errors`` for the request as a whole, or "
                "``detail`` when the body could not be read at all."
            ),
            "additionalProperties": {},
        },
    }


# The body of each error status (api/errors.py answers every one of them in JSON).
_SHAPES = {"400": VALIDATION_ERROR, "401": ERROR, "403": ERROR, "404": ERROR, "429": ERROR}


def _content(component: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}}


def _response(component: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": _content(component)}


def _errors_of(operation: dict[str, Any], method: str) -> dict[str, dict[str, Any]]:
    parameters = operation.get("parameters", [])
    places = {parameter["in"] for parameter in parameters}
    names = {parameter["name"] for parameter in parameters}
    anonymous = {} in operation.get("security", [{}])
    errors: dict[str, dict[str, Any]] = {}
    if method in _WRITE_METHODS or "requestBody" in operation or "query" in places:
        errors["400"] = _response(
            VALIDATION_ERROR, _("Invalid input; nothing was changed. The fields say why.")
        )
    if not anonymous:
        errors["401"] = _response(ERROR, _("No valid session or API token."))
        errors["403"] = _response(
            ERROR, _("Signed in, but this role may not do this (or two-factor setup is due).")
        )
    if "path" in places or "page" in names:
        errors["404"] = _response(
            ERROR, _("Not found, or outside what the caller may see (never told apart).")
        )
    errors["429"] = _response(
        ERROR, _("Too many requests; the Retry-After header says when to try again.")
    )
    return errors


def postprocess_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {}).update(_components())
    for path_item in result["paths"].values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for code, response in _errors_of(operation, method).items():
                responses.setdefault(code, response)
            for code, component in _SHAPES.items():
                if code in responses and "content" not in responses[code]:
                    responses[code]["content"] = _content(component)
    return result
