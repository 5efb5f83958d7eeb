"""SAS-5: inadequate function monitoring and logging."""
from __future__ import annotations

from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_05_01", reads=("tracing",))
def tracing_not_active(views: Views, context: Context) -> list[Violation]:
    untraced = context.decide("FG_05_01", views.tracing, lambda r: r.mode != "Active")
    violations = []
    for resource, records in by_resource(untraced).items():
        modes = sorted({"not configured" if r.mode == ABSENT else r.mode for r in records})
        violations.append(Violation(
            "FG_05_01", resource,
            f"X-Ray tracing is {' / '.join(modes)} (functions: {affected(functions_of(records))}); set it to Active",
            functions_of(records)))
    return violations
