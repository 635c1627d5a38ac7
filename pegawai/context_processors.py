from __future__ import annotations

from typing import Any

from .akses import akses_untuk


def peran(request: Any) -> dict[str, Any]:
    """Expose the user's resolved roles to every template as `akses`."""
    user = getattr(request, "user", None)
    return {"akses": akses_untuk(user) if user is not None else None}
