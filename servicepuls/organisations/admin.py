"""Django's admin for support staff (superusers); municipal staff use the staff pages."""

from django.contrib import admin

from servicepuls.organisations.models import (
    AreaTotalRule,
    AuthorityArea,
    Department,
    Membership,
    Organisation,
)


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    fk_name = "parent"
    extra = 0
    autocomplete_fields = ["member"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["code", "name", "kind", "county", "is_active"]
    list_filter = ["kind", "is_active", "county"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


class AreaTotalRuleInline(admin.TabularInline[AreaTotalRule, AuthorityArea]):
    model = AreaTotalRule
    extra = 0


@admin.register(AuthorityArea)
class AuthorityAreaAdmin(admin.ModelAdmin[AuthorityArea]):
    list_display = ["slug", "name", "index_kind", "organisation", "sort_order"]
    list_filter = ["index_kind"]
    inlines = [AreaTotalRuleInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]
