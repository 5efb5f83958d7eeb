"""The runtime lifecycle the rules judge by: deprecation dates from the generated runtime table
(faasguard.catalog.runtimes()). FG_06_01 and FG_06_07 (SAS-6: a dependency without patches) and FG_11_01
(SAS-11: an obsolete function to retire) read the same dates through these helpers."""
from __future__ import annotations

from faasguard import catalog
from faasguard.model.views import Views
from faasguard.rules.base import Context, Undecided, by_resource


def deprecation(runtime: str) -> str | None:
    """The runtime's deprecation date (YYYY-MM-DD) from the generated table, None when it is not listed."""
    return catalog.runtimes()["runtimes"].get(runtime, {}).get("deprecated")


def deprecated_runtimes(rule_id: str, views: Views, context: Context) -> dict[str, list]:
    """Resource → its runtime records deprecated on or before the scan's date (FG_06_01 reports them as a
    dependency without patches, FG_11_01 as an obsolete function to retire)."""
    today = context.today.isoformat()
    # a runtime the table does not know may be new or misspelt: undecided, never a silent pass
    context.note(Undecided(rule_id, r.resource, r.attribute,
                           f"runtime {r.value!r} is not in faasguard's runtime table ({catalog.runtimes()['updated']})")
                 for r in views.runtimes if deprecation(r.value) is None)
    return by_resource(context.decide(rule_id, views.runtimes,
                                      lambda r: (deprecation(r.value) or "9999-12-31") <= today))


def deprecation_text(records: list) -> str:
    """"python3.8 is deprecated since 2024-10-14, …" of a resource's deprecated runtime records."""
    return ", ".join(sorted(f"{r.value} is deprecated since {deprecation(r.value)}" for r in records))
