#!/usr/bin/env python3
"""Scan timings on synthetic templates of growing size: each engine and Rego backend, in one run.

Prints seconds per configuration and the ratio to the opa backend (compare ratios, not absolute
numbers: machines are noisy). usage: python bench/bench_scan.py [--sizes 50,200,800] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from faasguard.engines import rego
from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.engines.rego.wasm import WasmBackend
from faasguard.evaluation import violations
from faasguard.inputs.load import load_paths
from faasguard.rules.base import utc_today

TODAY = utc_today().isoformat()


def sam_template(functions: int) -> dict:
    resources = {
        "SharedRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                        "Principal": {"Service": "lambda.amazonaws.com"}}]},
            "Policies": [{"PolicyName": "app", "PolicyDocument": {"Statement": [
                {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": "*"}]}}]}},
    }
    for i in range(functions):
        resources[f"Function{i}"] = {"Type": "AWS::Serverless::Function", "Properties": {
            "Runtime": "python3.8" if i % 7 == 0 else "python3.13",
            "Handler": "app.handler", "CodeUri": "src/",
            "Role": {"Fn::GetAtt": ["SharedRole", "Arn"]},
            "Environment": {"Variables": {"TABLE": f"table-{i}", "API_TOKEN": "tok-not-real" if i % 11 == 0 else {"Ref": "AWS::NoValue"}}},
        }}
    return {"Transform": "AWS::Serverless-2016-10-31", "Globals": {"Function": {"Tracing": "Active"}},
            "Resources": resources}


def timed(function, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,200,800")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'functions':>9} {'python':>8} {'opa':>8} {'wasm':>8} {'wasm/opa':>9} {'checkov':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"template-{size}.yaml"
            path.write_text(yaml.safe_dump(sam_template(size)))
            documents = load_paths([str(path)]).documents
            python = timed(lambda: [violations(d) for d in documents], args.repeat)
            opa = timed(lambda: rego.run(documents, OpaCliBackend(), TODAY), args.repeat)
            wasm = timed(lambda: rego.run(documents, WasmBackend(), TODAY), args.repeat)
            from faasguard.engines import checkov_engine

            checkov = timed(lambda: checkov_engine.run(documents), 1)
            print(f"{size:>9} {python:>8.3f} {opa:>8.3f} {wasm:>8.3f} {wasm / opa:>9.2f} {checkov:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
