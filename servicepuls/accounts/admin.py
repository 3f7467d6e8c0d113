from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from servicepuls.accounts.models import ExternalIdentity, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "email", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "is_superuser"]
    search_fields = ["username", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "department"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Servicepuls", {"fields": ("organisation", "role", "department")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin[ExternalIdentity]):
    list_display = ["provider", "subject", "user"]
    search_fields = ["subject", "user__username"]
