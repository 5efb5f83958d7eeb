"""FG_00_xx: rules that join risks. FG_00_01 joins SAS-2 (who can invoke a function without
authentication) and SAS-4 (what its role lets it do); faasguard.model.attack_paths holds both halves."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from faasguard.model.attack_paths import LEVELS, AttackPath, entry_points, grants, paths_of
from faasguard.model.decide import decide
from faasguard.model.views import ManagedPolicy, Views
from faasguard.rules.base import ALTERNATIVES_DISAGREE, Context, Undecided, Violation, rule

# the views that decide an entry point, and those that decide a grant
ENTRY_VIEWS = ("api_operations", "function_urls", "lambda_permissions", "source_policies")
GRANT_VIEWS = ("policy_statements", "managed_policies")


@rule("FG_00_01", reads=())  # its undecided values are noted below: only those that could make a path
def attack_path(views: Views, context: Context) -> list[Violation]:
    disagreeing: list = []

    def settle(records, holds):
        settled, some = decide(records, holds)
        disagreeing.extend(some)
        return settled

    entries, granted = entry_points(views, settle), grants(views, settle)
    context.note(_undecided(views, entries, granted, disagreeing))
    paths: dict[str, list[AttackPath]] = defaultdict(list)
    for path in paths_of(entries, granted):
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


def _undecided(views: Views, entries, granted, disagreeing: list) -> Iterable[Undecided]:
    """The values FG_00_01 cannot judge that matter: an entry point the files do not settle (alternatives
    that disagree, a value only deployment settles) of a function that may hold a dangerous grant, and a
    grant they do not settle of a function that may be public. A trigger source's policy reaches its
    functions through the trigger, so any unsettled one counts where a function may hold a dangerous grant."""
    unknown_entries = [u for u in views.unknowns if u.view in ENTRY_VIEWS]
    unknown_grants = [u for u in views.unknowns if u.view in GRANT_VIEWS]
    open_entries = [r for r in disagreeing if not isinstance(r, ManagedPolicy)]
    open_grants = [r for r in disagreeing if isinstance(r, ManagedPolicy)]
    maybe_public = {e.function for e in entries if e.public} | _functions([*unknown_entries, *open_entries])
    maybe_dangerous = {g.function for g in granted if g.dangerous} | _functions([*unknown_grants, *open_grants])
    found = [Undecided("FG_00_01", r.resource, r.attribute, ALTERNATIVES_DISAGREE) for r in open_entries
             if set(r.functions) & maybe_dangerous]
    found += [Undecided("FG_00_01", r.resource, r.attribute, ALTERNATIVES_DISAGREE) for r in open_grants
              if set(r.functions) & maybe_public]
    found += [Undecided("FG_00_01", u.resource, u.attribute, u.why) for u in unknown_entries
              if set(u.functions) & maybe_dangerous or u.view == "source_policies" and maybe_dangerous]
    found += [Undecided("FG_00_01", u.resource, u.attribute, u.why) for u in unknown_grants
              if set(u.functions) & maybe_public]
    return found


def _functions(records: Iterable) -> set[str]:
    return {f for r in records for f in r.functions}


def _more(count: int) -> str:
    return f" (and {count} more path{'s' if count > 1 else ''})" if count else ""
