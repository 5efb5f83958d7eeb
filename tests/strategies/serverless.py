"""Serverless Framework services (after the loader: includes resolved)."""
from __future__ import annotations

from hypothesis import strategies as st

from tests.strategies.cloudformation import cfn_more_resources
from tests.strategies.common import json_values

sls_unknowns = st.sampled_from(["${ssm:/app/x}", "${env:TOKEN}", "${opt:stage}", "${opt:stage, 'dev'}",
                                "${self:custom.missing}", "${self:custom.runtime}", "${self:custom.list.0}",
                                "prefix-${self:custom.runtime}", "${cf:stack.output}", "${file(./missing.yml)}"])
sls_value = st.one_of(json_values, sls_unknowns)
sls_statement = st.fixed_dictionaries({}, optional={"Effect": sls_value, "Action": st.one_of(sls_value, st.lists(sls_value)),
                                                    "NotAction": sls_value, "Resource": sls_value})
sls_iam = st.one_of(sls_value, st.fixed_dictionaries({}, optional={"role": st.one_of(sls_value, st.fixed_dictionaries({}, optional={
    "statements": st.one_of(sls_value, st.lists(st.one_of(sls_statement, sls_value), max_size=3)),
    "managedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2))}))}))
sls_function = st.one_of(st.none(), sls_value, st.fixed_dictionaries({}, optional={
    "handler": st.just("h.h"), "runtime": sls_value, "tracing": sls_value, "url": sls_value,
    "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["DB_PASSWORD", "LEVEL"]), sls_value)),
    "iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)), "role": sls_value,
    "name": sls_value, "kmsKeyArn": sls_value,
    "image": st.one_of(sls_value, st.just("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest")),
    "vpc": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"securityGroupIds": st.one_of(
        st.just([{"Ref": "SecurityGroup"}]), st.lists(sls_value, max_size=2))})),
    "events": st.one_of(sls_value, st.lists(st.one_of(sls_value, st.fixed_dictionaries({"http": st.fixed_dictionaries(
        {"path": st.just("x"), "method": st.just("get")}, optional={"cors": sls_value, "authorizer": sls_value})}),
        st.fixed_dictionaries({"sns": st.one_of(sls_value, st.just("orders-topic"))})), max_size=2))}))


@st.composite
def serverless_services(draw) -> dict:
    provider = {"name": "aws", **draw(st.fixed_dictionaries({}, optional={
        "runtime": sls_value, "tracing": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"lambda": sls_value})),
        "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["API_KEY", "STAGE"]), sls_value)),
        "iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)),
        "iamManagedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2)), "role": sls_value,
        "kmsKeyArn": sls_value, "logs": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"restApi": st.one_of(
            sls_value, st.fixed_dictionaries({}, optional={"fullExecutionData": sls_value}))})),
        "deploymentBucket": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"name": sls_value,
                                                                                    "versioning": sls_value})),
        "vpc": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"securityGroupIds": sls_value}))}))}
    functions = draw(st.one_of(st.dictionaries(st.sampled_from(["a", "b", "c"]), sls_function, max_size=3), sls_value))
    embedded = {name: {"Type": rtype, "Properties": draw(properties)}
                for name, (rtype, properties) in cfn_more_resources.items() if draw(st.integers(0, 3)) == 0}
    return {"service": "svc", "custom": {"runtime": "python3.8", "list": ["x"], "dbPassword": "hunter2-default"},
            "provider": provider, "functions": functions, "resources": {"Resources": embedded}}
