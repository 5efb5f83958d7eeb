"""The same infrastructure written as HCL and produced as a plan gives the same findings.

Every tests/fixtures/<RULE>/terraform/<case>/ has a twin terraform_plan/<case>.json that the real
`terraform plan` + `terraform show -json` made of it (scripts/make_plan_fixtures.py). test_fixtures holds
each engine to each case's expected findings; this test holds the two halves of each pair to each other:
equal, once a plan's instance addresses are read as their block (HCL reports a `count`/`for_each` block
once), except the pairs below, where one side knows what the other cannot (docs/plan-review.md).
"""
from __future__ import annotations

import pytest

from faasguard.plan_review import configured_address
from tests.fixture_cases import FIXTURES, all_cases

# (rule, case) -> (findings only HCL has, findings only the plan has, why)
EXCEPTIONS = {
    ("FG_06_03", "fail_foreign_layer_public_permission"): (
        {"aws_lambda_function.resize"}, set(),
        "the plan knows less: resize's layer list names a layer the same plan creates, so the whole list is "
        "known only after apply (undecided)"),
    ("FG_07_03", "fail_managed_key"): (
        {"aws_lambda_function.worker"}, set(),
        "the plan knows less: one of worker's variables is known only after apply, which makes the whole map "
        "unknown (undecided)"),
    ("FG_07_07", "fail_secret_defaults"): (
        {"aws_ssm_parameter.webhook_secret"}, set(),
        "the plan knows less: a plan's configuration has no locals, and the parameter's value comes through one"),
    ("FG_08_07", "fail_single_subnet"): (
        {"aws_lambda_function.orders_db_writer"}, set(),
        "the plan knows less: the subnets the writer lists are created by the same plan, so how many it lists "
        "is known only after apply (undecided)"),
    ("FG_09_02", "fail_public_write"): (
        {"aws_kinesis_resource_policy.clicks", "aws_sns_topic_policy.orders"}, set(),
        "the plan knows less: both policies name an ARN the same plan creates, so the policy documents are "
        "known only after apply (undecided)"),
    ("FG_09_05", "fail_pool_roles_reach_functions"): (
        {"aws_iam_role.authenticated"}, set(),
        "the plan knows less: the authenticated role's inline policy names the function's ARN, known only "
        "after apply (undecided)"),
}
# HCL cases without a plan twin, and why
NO_PLAN = {
    ("FG_12_04", "pass_per_tenant"): "tenancy_config is newer than the AWS provider in the plan-making mirror "
                                     "(5.100.0), which refuses it",
}


def _pairs() -> list[tuple[str, str, frozenset[str], frozenset[str] | None]]:
    cases = {(c.rule_id, c.key): c.expected for c in all_cases()}
    pairs = []
    for (rule, key), hcl in sorted(cases.items()):
        if key.startswith("terraform/"):
            name = key.split("/", 1)[1]
            pairs.append((rule, name, hcl, cases.get((rule, f"terraform_plan/{name}.json"))))
    return pairs


PAIRS = _pairs()


@pytest.mark.parametrize(("rule", "case", "hcl", "plan"), PAIRS, ids=[f"{r}/{c}" for r, c, _, _ in PAIRS])
def test_hcl_and_plan_give_the_same_findings(rule, case, hcl, plan):
    if plan is None:
        assert (rule, case) in NO_PLAN, f"{rule}/terraform/{case} has no plan twin and no reason why"
        assert not (FIXTURES / rule / "terraform_plan" / f"{case}.json").exists()
        return
    blocks = {configured_address(address) for address in plan}
    only_hcl, only_plan, _why = EXCEPTIONS.get((rule, case), (set(), set(), ""))
    assert (set(hcl) - blocks, blocks - set(hcl)) == (only_hcl, only_plan)


def test_every_exception_is_a_pair():
    known = {(rule, case) for rule, case, _, plan in PAIRS if plan is not None}
    assert set(EXCEPTIONS) <= known
    assert set(NO_PLAN) <= {(rule, case) for rule, case, _, plan in PAIRS if plan is None}
