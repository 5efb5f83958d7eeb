"""SAS-2: broken authentication."""
from __future__ import annotations

from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_02_03")
def public_function_url(views: Views, context: Context) -> list[Violation]:
    public = context.decide("FG_02_03", views.function_urls, lambda r: r.auth_type == "NONE")
    return [
        Violation("FG_02_03", resource,
                  f"function URL has auth type NONE: anyone can invoke {affected(functions_of(records))}; use AWS_IAM",
                  functions_of(records))
        for resource, records in by_resource(public).items()
    ]
