"""The operator admin (``/operator/``, public host only). A new tenant is created by
provisioning (schema, domain, first tenant admin, starter content), never as a bare row."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from tenants.connection import tenant_connection
from tenants.models import Domain, OperatorAuditEntry, Tenant
from tenants.provisioning import ProvisioningError, TenantRequest, tenant_provision
from tenants.transfer.deletion import tenant_delete, tenant_deletion_plan


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


class TenantProvisionForm(forms.Form):
    """What ``provision_tenant`` asks for; the provisioning service validates it."""

    name = forms.CharField(label=_("name"), max_length=200)
    slug = forms.CharField(label=_("slug"), max_length=40)
    domain = forms.CharField(label=_("domain"), max_length=253)
    language = forms.ChoiceField(label=_("default language"), choices=settings.LANGUAGES)
    timezone = forms.CharField(label=_("timezone"), max_length=64, initial="Europe/Berlin")
    admin_email = forms.EmailField(label=_("email of the first tenant admin"))
    admin_name = forms.CharField(
        label=_("name of the first tenant admin"), max_length=150, required=False
    )
    admin_password = forms.CharField(
        label=_("password of the first tenant admin"),
        widget=forms.PasswordInput(render_value=False),
        strip=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].help_text = gettext(
            "The tenant's host name, e.g. acme.%(base_domain)s"
        ) % {"base_domain": settings.BASE_DOMAIN}

    def tenant_request(self) -> TenantRequest:
        data = self.cleaned_data
        return TenantRequest(
            slug=data["slug"],
            name=data["name"],
            domain=data["domain"],
            language=data["language"],
            admin_email=data["admin_email"],
            admin_password=data["admin_password"],
            timezone=data["timezone"],
            admin_name=data["admin_name"],
        )


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    """Operator admin on the public host only."""

    list_display = ("name", "slug", "schema_name", "language", "created_at")
    search_fields = ("name", "slug", "schema_name")
    # The slug names the schema and the starter content: fixed once provisioned.
    readonly_fields = ("schema_name", "slug", "created_at")
    inlines = [DomainInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return (
            tenant_connection().schema_name == get_public_schema_name()
            and super().has_module_permission(request)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Only superusers, and never the public tenant; the deletion itself is
        # tenant_delete's (schema, domains, files, audit), not a bare row delete.
        if obj is not None and obj.schema_name == get_public_schema_name():
            return False
        return bool(request.user.is_superuser) and super().has_delete_permission(request, obj)

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[str]]:
        # The confirmation page lists what tenant_delete removes, schema and files included.
        summaries = [tenant_deletion_plan(tenant=tenant).describe() for tenant in objs]
        return summaries, {gettext("tenants"): len(summaries)}, set(), []

    def delete_model(self, request: HttpRequest, obj: Tenant) -> None:
        tenant_delete(slug=obj.slug, confirm=True, actor=_operator_name(request))

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for tenant in list(queryset):
            self.delete_model(request, tenant)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = TenantProvisionForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                tenant = tenant_provision(form.tenant_request())
            except ProvisioningError as error:
                form.add_error(None, str(error))
            else:
                self.log_addition(request, tenant, [{"added": {}}])
                self.message_user(
                    request,
                    gettext(
                        "Tenant “%(name)s” was created with its schema, domain and first "
                        "tenant admin."
                    )
                    % {"name": tenant.name},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:tenants_tenant_change", args=[tenant.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Add tenant"),
            "opts": self.model._meta,
            "form": form,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/tenants/tenant/provision.html", context)


def _operator_name(request: HttpRequest) -> str:
    user = request.user
    return str(getattr(user, "email", "") or user.get_username())


@admin.register(OperatorAuditEntry)
class OperatorAuditEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are written by the tenant services."""

    list_display = ("created_at", "action", "tenant_slug", "schema_name", "actor")
    list_filter = ("action",)
    search_fields = ("tenant_slug", "schema_name", "actor")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return (
            tenant_connection().schema_name == get_public_schema_name()
            and super().has_module_permission(request)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
