"""SAS-4: over-privileged function permissions and roles."""
from __future__ import annotations

from faasguard.model import iam
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_04_01", reads=("policy_statements", "managed_policies"))
def admin_role(views: Views, context: Context) -> list[Violation]:
    statements = [s for s in views.policy_statements if iam.is_admin(s.effect, s.actions, s.not_actions)]
    managed = context.decide("FG_04_01", views.managed_policies, lambda m: iam.is_admin_managed_policy(m.policy))
    return [
        Violation("FG_04_01", resource,
                  f"grants every action to the role of {affected(functions_of(records))}; "
                  "allow only the actions the function needs", functions_of(records))
        for resource, records in by_resource([*statements, *managed]).items()
    ]
