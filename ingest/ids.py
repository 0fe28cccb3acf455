"""Deterministic identifiers: the same disclosure always gets the same id."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import DocumentMeta


def short_hash(*parts: object) -> str:
    """First 16 hex digits of the sha256 of the parts' text joined by `|` (UTF-8): a stable 64-bit id.

    `short_hash("a", 1)` hashes `"a|1"`; None is written as `"None"`, so callers pass "" for an absent part.
    """
    joined = "|".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def document_id(meta: DocumentMeta) -> str:
    """Id of a disclosure (raw_documents.document_id): hash of region, department, scope, fiscal year and kind.

    Built from what the document says about itself, not from its file, so a renamed or re-downloaded copy of
    the same disclosure gets the same id, while a budget and its final account, or a department and one of
    its units, get different ids.
    """
    return short_hash(meta.region, meta.department_name, meta.scope, meta.fiscal_year, meta.kind)


def project_id(doc_id: str, implementing_unit: str, project_name: str, ordinal: int) -> str:
    """Id of a project section (raw_projects.project_id): hash of document id, implementing unit, project name
    and `ordinal`, the project's 1-based position among the document's projects (the writer numbers them in
    reading order), so two sections printed with the same title stay two projects."""
    return short_hash(doc_id, implementing_unit, project_name, ordinal)
