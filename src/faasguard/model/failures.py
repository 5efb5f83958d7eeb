"""What every format's failure-routing records share (docs/model.md, "Failure routing"; FG_08_06): the
record names, which triggers invoke a function asynchronously, and how a written setting becomes a
value. The Rego twin is rego/faasguard/lib/failures."""
from __future__ import annotations

from typing import Any

from faasguard.model.cloudformation import NO_VALUE
from faasguard.model.values import alternatives_of, choice_of
from faasguard.model.views import ABSENT, Views

FUNCTIONS = "function_settings"
STORES = "store_settings"
# function_settings (kind "function"): where a function's failed asynchronous events go, and the triggers
# that invoke it asynchronously which event_sources does not hold (SAM / Serverless events)
ROUTE = "async_failure_route"
ASYNC_TRIGGER = "async_trigger"
DEAD_LETTER_QUEUE = "dead_letter_queue"
ON_FAILURE = "on_failure_destination"
# store_settings: (kind, setting) of the resources that deliver events and bound their failures
MAPPING = ("event_source_mapping", "on_failure_destination")
QUEUE = ("sqs_queue", "redrive_policy")
SUBSCRIPTION = ("sns_subscription", "redrive_policy")
TARGET = ("event_rule_target", "dead_letter_queue")
SET = "set"
# event_sources kinds whose events Lambda receives asynchronously (queues and streams are polled)
ASYNC_KINDS = frozenset({"s3", "sns", "eventbridge"})
STREAM_KINDS = frozenset({"kinesis", "dynamodb"})
# services that invoke a function asynchronously, as a lambda permission's principal names them
ASYNC_PRINCIPALS = frozenset({"s3.amazonaws.com", "sns.amazonaws.com", "events.amazonaws.com",
                              "scheduler.amazonaws.com", "logs.amazonaws.com", "iot.amazonaws.com",
                              "ses.amazonaws.com", "lambda.alarms.cloudwatch.amazonaws.com"})


def async_functions(views: Views) -> set[str]:
    """The functions some trigger of the document invokes asynchronously."""
    return ({f for e in views.event_sources if e.kind in ASYNC_KINDS for f in e.functions}
            | {f for p in views.lambda_permissions if p.principal.lower() in ASYNC_PRINCIPALS for f in p.functions}
            | {f for s in views.function_settings if s.kind == "function" and s.setting == ASYNC_TRIGGER
               for f in s.functions})


def presence(members: list[Any]) -> Any:
    """"set" or ABSENT over a setting's alternatives: anything written (an ARN, a reference, a value
    only deployment settles) is set; unset or `AWS::NoValue` is absent."""
    return choice_of([ABSENT if m is NO_VALUE or m is None else SET for m in members])


def route(destination: Any, dead_letter: Any) -> Any:
    """A function's route for failed asynchronous events from the presence of an on-failure destination
    and of a dead-letter queue (each "set", ABSENT or Alternatives of those): the destination where it
    is set, else the queue."""
    return choice_of([ON_FAILURE if d == SET else DEAD_LETTER_QUEUE if q == SET else ABSENT
                      for d in alternatives_of(destination)[0] for q in alternatives_of(dead_letter)[0]])


def any_set(presences: list[Any]) -> Any:
    """The presence of a setting several resources may carry (the invoke configurations of a
    function): set when one surely sets it, else the alternatives of all, ABSENT when none."""
    if SET in presences:
        return SET
    return choice_of(presences or [ABSENT])
