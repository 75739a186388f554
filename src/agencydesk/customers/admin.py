from django.contrib import admin

from agencydesk.customers.models import Customer, CustomerUser, Site


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "email", "is_active")
    search_fields = ("number", "name")
    inlines = [SiteInline]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "customer", "manager", "is_active")
    list_filter = ("customer",)
    search_fields = ("name", "code")


@admin.register(CustomerUser)
class CustomerUserAdmin(admin.ModelAdmin):
    list_display = ("user", "customer", "role", "all_sites")
    filter_horizontal = ("sites",)
