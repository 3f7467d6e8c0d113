"""File imports: create with a preview, confirm, then run all-or-nothing in a background task."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from servicepuls.organisations.models import Organisation
from servicepuls.surveys.choices import AnswerSource, CaseSource, ImportKind, ImportStatus
from servicepuls.surveys.errors import ImportFileError
from servicepuls.surveys.importers.answers import (
    CanonicalRow,
    answers_validate,
    canonical_check,
    canonical_header_check,
    scale_parse,
)
from servicepuls.surveys.importers.cases import (
    cases_validate,
    column_mapping_check,
    column_mapping_guess,
)
from servicepuls.surveys.importers.tabular import Table, csv_canonical, table_read
from servicepuls.surveys.models import ColumnMapping, DataImport
from servicepuls.surveys.services.answers import AnswerSetInput, StoreResult, survey_answers_store
from servicepuls.surveys.services.cases import cases_store
from survey_stats.indices import Scale
from swedish_text import redact

PREVIEW_ROWS = 10


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """The first rows of a file as the mapping reads them, and the problems in them."""

    header: list[str]
    columns: dict[str, str]
    rows: list[list[str]]
    errors: list[dict[str, Any]]


def data_import_create(
    *,
    organisation: Organisation,
    kind: str,
    filename: str,
    data: bytes,
    uploaded_by: Any = None,
    mapping: ColumnMapping | None = None,
    scale: str = "1-10",
) -> DataImport:
    """Store an uploaded file awaiting confirmation; an unreadable file raises at once."""
    table = table_read(filename=filename, data=data)
    if kind == ImportKind.CASES:
        columns = dict(mapping.columns) if mapping else column_mapping_guess(table.header)
    else:
        scale_parse(scale)
        canonical_header_check(table)  # the rows are checked in full when the import runs
        columns = {"scale": scale}
    return DataImport.objects.create(
        organisation=organisation,
        kind=kind,
        filename=filename[:255],
        content=data,
        uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
        mapping=mapping,
        columns=columns,
        total_rows=len(table.rows),
    )


def _table(data_import: DataImport) -> Table:
    return table_read(filename=data_import.filename, data=bytes(data_import.content))


def data_import_preview(*, data_import: DataImport) -> ImportPreview:
    """The first rows and the problems found in them, for the page before confirming."""
    table = _table(data_import)
    head = Table(filename=table.filename, header=table.header, rows=table.rows[:PREVIEW_ROWS])
    errors: list[dict[str, Any]] = []
    try:
        if data_import.kind == ImportKind.CASES:
            errors = cases_validate(
                organisation=data_import.organisation, table=head, columns=data_import.columns
            ).errors
        else:
            errors = answers_validate(
                table=head,
                scale=scale_parse(data_import.columns.get("scale", "1-10")),
                organisation=data_import.organisation,
            ).errors
    except ImportFileError as error:
        errors = [{"row": 1, "column": "", "message": error.message}]
    return ImportPreview(
        header=table.header, columns=data_import.columns, rows=head.rows, errors=errors
    )


@transaction.atomic
def data_import_confirm(
    *,
    data_import: DataImport,
    columns: dict[str, str] | None = None,
    save_mapping_as: str = "",
) -> DataImport:
    """Fix the mapping (optionally saving it for the organisation) and queue the import."""
    if data_import.status != ImportStatus.PREVIEW:
        raise ImportFileError(_("This import has already been started."))
    if data_import.kind == ImportKind.CASES:
        columns = {key: value for key, value in (columns or data_import.columns).items() if value}
        column_mapping_check(table=_table(data_import), columns=columns)
        data_import.columns = columns
        if save_mapping_as:
            data_import.mapping, _created = ColumnMapping.objects.update_or_create(
                organisation=data_import.organisation,
                name=save_mapping_as[:100],
                defaults={"columns": columns},
            )
    data_import.status = ImportStatus.QUEUED
    data_import.save(update_fields=["columns", "mapping", "status", "updated_at"])
    from servicepuls.surveys.tasks import data_import_run_task

    pk = data_import.pk
    transaction.on_commit(lambda: data_import_run_task.enqueue(data_import_id=pk))
    return data_import


def _progress_writer(data_import: DataImport) -> Callable[[int], None]:
    def write(processed: int) -> None:
        # Outside any transaction, so that the page polling the import sees it at once.
        DataImport.objects.filter(pk=data_import.pk).update(processed_rows=processed)
        data_import.processed_rows = processed

    return write


def _finish(data_import: DataImport, status: str, **fields: Any) -> DataImport:
    for name, value in fields.items():
        setattr(data_import, name, value)
    data_import.status = status
    data_import.finished_at = timezone.now()
    data_import.save(update_fields=["status", "finished_at", "updated_at", *fields])
    return data_import


def data_import_run(
    *, data_import: DataImport, on_progress: Callable[[int, int], None] | None = None
) -> DataImport:
    """Validate every row, then import all of them in one transaction, or none.

    Idempotent: a finished import is left as it is. A running one is an interrupted run (its
    worker died or lost the database) that the task system retries: it starts again from the
    first row, which is safe because nothing is stored until the one transaction at the end
    commits, and storing is itself idempotent by case id.
    """
    started = DataImport.objects.filter(
        pk=data_import.pk, status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]
    ).update(status=ImportStatus.RUNNING, processed_rows=0)
    if not started:
        data_import.refresh_from_db()
        return data_import
    write_progress = _progress_writer(data_import)

    def progress(processed: int) -> None:
        write_progress(processed)
        if on_progress is not None:
            on_progress(processed, data_import.total_rows)

    try:
        table = _table(data_import)
        if data_import.kind == ImportKind.CASES:
            return _cases_run(data_import, table, progress)
        return _answers_run(data_import, table, progress)
    except ImportFileError as error:
        problem = error.extra or {"row": 1, "column": "", "message": error.message}
        return _finish(data_import, ImportStatus.FAILED, errors=[problem])


def _cases_run(
    data_import: DataImport, table: Table, progress: Callable[[int], None]
) -> DataImport:
    validation = cases_validate(
        organisation=data_import.organisation,
        table=table,
        columns=data_import.columns,
        on_progress=progress,
    )
    progress(len(table.rows))
    if validation.error_count:
        return _finish(data_import, ImportStatus.FAILED, errors=validation.errors)
    result = cases_store(
        organisation=data_import.organisation, cases=validation.cases, source=CaseSource.IMPORT
    )
    return _finish(
        data_import,
        ImportStatus.SUCCEEDED,
        created_count=result.created,
        updated_count=result.updated,
        errors=[],
    )


def _answers_run(
    data_import: DataImport, table: Table, progress: Callable[[int], None]
) -> DataImport:
    scale = scale_parse(data_import.columns.get("scale", "1-10"))
    canonical_check(
        filename=data_import.filename, data=_canonical_csv(data_import, table), scale=scale
    )
    validation = answers_validate(
        table=table, scale=scale, organisation=data_import.organisation, on_progress=progress
    )
    progress(len(table.rows))
    if validation.error_count:
        return _finish(data_import, ImportStatus.FAILED, errors=validation.errors)
    result = answer_rows_store(rows=validation.rows, scale=scale)
    return _finish(
        data_import,
        ImportStatus.SUCCEEDED,
        created_count=result.created,
        updated_count=result.updated,
        errors=[],
    )


def _canonical_csv(data_import: DataImport, table: Table) -> bytes:
    """The file as ``servicepuls nki compute`` reads it: UTF-8 CSV with commas. A workbook's
    first sheet is written out as such (it used to be read as CSV bytes, and fail), and so is
    a semicolon or Windows-1252 CSV (it used to pass the preview and fail when run)."""
    content = bytes(data_import.content)
    if not content.startswith(b"PK\x03\x04"):
        return csv_canonical(filename=data_import.filename, data=content)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8")


def answer_rows_store(
    *, rows: Sequence[CanonicalRow], scale: Scale, source: str = AnswerSource.IMPORT
) -> StoreResult:
    """Store validated canonical rows (vendor import), comments redacted, all or nothing."""
    now = timezone.now()
    answer_sets = [
        AnswerSetInput(
            organisation_id=row.organisation_id,
            area_id=row.area_id,
            year=row.year,
            respondent=row.respondent,
            source=source,
            external_id=row.answer_id,
            items=row.items,
            submitted_at=now,
            scale_low=scale.low,
            scale_high=scale.high,
            closed_on=row.closed_on,
            outcome=row.outcome,
            comment=redact(row.comment).text if row.comment else "",
        )
        for row in rows
    ]
    return survey_answers_store(answer_sets=answer_sets)
