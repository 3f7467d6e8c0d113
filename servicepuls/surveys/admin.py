"""Admin for superusers and support staff (municipal staff use the staff pages)."""

from __future__ import annotations

from django.contrib import admin

from servicepuls.surveys.models import (
    Case,
    CaseApiToken,
    ColumnMapping,
    DataImport,
    Invitation,
    InvitationSchedule,
    Questionnaire,
    QuestionnaireVersion,
    SurveyAnswer,
)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin[Case]):
    list_display = ["external_id", "organisation", "area", "respondent", "decided_on", "outcome"]
    list_filter = ["respondent", "outcome", "source", "area"]
    search_fields = ["external_id", "organisation__name"]
    raw_id_fields = ["organisation", "department"]


class QuestionnaireVersionInline(admin.TabularInline[QuestionnaireVersion, Questionnaire]):
    model = QuestionnaireVersion
    fields = ["number", "scale_low", "scale_high", "allow_dont_know", "created_at"]
    readonly_fields = ["number", "scale_low", "scale_high", "allow_dont_know", "created_at"]
    extra = 0
    can_delete = False


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin[Questionnaire]):
    list_display = ["name", "slug", "organisation"]
    inlines = [QuestionnaireVersionInline]


@admin.register(InvitationSchedule)
class InvitationScheduleAdmin(admin.ModelAdmin[InvitationSchedule]):
    list_display = ["organisation", "area", "frequency", "sample_size", "is_active", "last_period"]
    list_filter = ["frequency", "is_active"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ["pk", "organisation", "period", "delivery_status", "sent_at", "answered_at"]
    list_filter = ["delivery_status", "period"]
    exclude = ["token_nonce", "token_hash", "draft"]
    readonly_fields = ["case", "person_key", "questionnaire_version"]


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(admin.ModelAdmin[SurveyAnswer]):
    list_display = ["external_id", "organisation", "area", "year", "respondent", "source", "nki"]
    list_filter = ["source", "respondent", "year", "area"]
    search_fields = ["external_id"]
    readonly_fields = ["nki", "information", "tillganglighet", "bemotande", "kompetens"]
    raw_id_fields = ["case", "invitation"]


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin[DataImport]):
    list_display = ["filename", "organisation", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    exclude = ["content"]


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin[ColumnMapping]):
    list_display = ["name", "organisation"]


@admin.register(CaseApiToken)
class CaseApiTokenAdmin(admin.ModelAdmin[CaseApiToken]):
    list_display = ["name", "prefix", "organisation", "last_used_at", "revoked_at"]
    exclude = ["token_hash"]
