"""SAS-6: insecure third-party dependencies (the runtime a function runs on)."""
from __future__ import annotations

from faasguard import catalog
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_06_01", reads=("runtimes",))
def deprecated_runtime(views: Views, context: Context) -> list[Violation]:
    table = catalog.runtimes()["runtimes"]
    today = context.today.isoformat()

    def deprecated_on(record) -> str | None:
        date = table.get(record.value, {}).get("deprecated")
        return date if date and date <= today else None

    deprecated = context.decide("FG_06_01", views.runtimes, lambda r: deprecated_on(r) is not None)
    return [
        Violation("FG_06_01", resource,
                  "runtime " + ", ".join(sorted(f"{r.value} is deprecated since {deprecated_on(r)}" for r in records))
                  + f" (functions: {affected(functions_of(records))})", functions_of(records))
        for resource, records in by_resource(deprecated).items()
    ]
