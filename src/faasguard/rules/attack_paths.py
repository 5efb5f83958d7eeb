"""FG_00_xx: rules that join risks. FG_00_01 joins SAS-2 (who can invoke a function without
authentication) and SAS-4 (what its role lets it do); faasguard.model.attack_paths holds both halves."""
from __future__ import annotations

from collections import defaultdict

from faasguard.model.attack_paths import LEVELS, AttackPath, attack_paths
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, rule

# what decides an entry point or a grant (an unknown value there leaves the rule undecided)
READS = ("api_operations", "function_urls", "lambda_permissions", "source_policies", "policy_statements",
         "managed_policies")


@rule("FG_00_01", reads=READS)
def attack_path(views: Views, context: Context) -> list[Violation]:
    paths: dict[str, list[AttackPath]] = defaultdict(list)
    for path in attack_paths(views, lambda records, holds: context.decide("FG_00_01", records, holds)):
        paths[path.function].append(path)
    return [
        Violation("FG_00_01", function,
                  f"anyone can invoke {function}, whose role grants "
                  f"{', '.join(level for level in LEVELS if any(p.grant.level == level for p in found))} "
                  "permissions: "
                  f"{found[0].chain()}{_more(len(found) - 1)}; close the entry point (authentication, a "
                  "source condition) or scope the role to what the function uses", (function,), tuple(found))
        for function, found in paths.items()
    ]


def _more(count: int) -> str:
    return f" (and {count} more path{'s' if count > 1 else ''})" if count else ""

