"""SAS-2: broken authentication."""
from __future__ import annotations

from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_02_03", reads=("function_urls",))
def public_function_url(views: Views, context: Context) -> list[Violation]:
    public = context.decide("FG_02_03", views.function_urls, lambda r: r.auth_type == "NONE")
    return [
        Violation("FG_02_03", resource, _message(functions_of(records)), functions_of(records))
        for resource, records in by_resource(public).items()
    ]


def _message(functions: tuple[str, ...]) -> str:
    if not functions:  # the URL's function is defined elsewhere (another stack, a variable)
        return "function URL has auth type NONE: anyone can invoke the function it targets; use AWS_IAM"
    return f"function URL has auth type NONE: anyone can invoke {affected(functions)}; use AWS_IAM"
