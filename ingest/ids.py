"""Deterministic identifiers: the same disclosure always gets the same id."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import DocumentMeta


def short_hash(*parts: object) -> str:
    joined = "|".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def document_id(meta: DocumentMeta) -> str:
    return short_hash(meta.region, meta.department_name, meta.scope, meta.fiscal_year, meta.kind)


def project_id(doc_id: str, implementing_unit: str, project_name: str, ordinal: int) -> str:
    return short_hash(doc_id, implementing_unit, project_name, ordinal)
