"""SAS-1: function event-data injection (request validation, WAF, untrusted event sources, TLS)."""
from __future__ import annotations

from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule
