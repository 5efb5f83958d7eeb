"""The bundle compiled to WebAssembly (src/faasguard/wasm/, built by scripts/build_wasm.py),
evaluated in process with opa-py-wasm: no OPA binary needed."""
from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from faasguard.engines.rego import ENTRYPOINT, BackendError
from faasguard.engines.rego.host_builtins import HOST_BUILTINS

WASM_PACKAGE = "faasguard.wasm"


@lru_cache(maxsize=1)
def _policy():
    from opapywasm import OpaWasmPolicy, PolicyConfig, runtime

    files = resources.files(WASM_PACKAGE)
    wasm = files.joinpath("policy.wasm").read_bytes()
    # opa-py-wasm starts the host memory at 2 pages; OPA's module declares the minimum it needs
    # (memory.json, recorded by scripts/build_wasm.py)
    required = json.loads(files.joinpath("memory.json").read_text(encoding="utf-8"))["min_pages"]
    runtime._DEFAULT_MEMORY_PAGES = max(runtime._DEFAULT_MEMORY_PAGES, required)
    policy = OpaWasmPolicy.from_wasm_bytes(wasm, _config(PolicyConfig))
    missing = set(policy.builtins) - set(HOST_BUILTINS) - set(policy.registered_builtins)
    if missing:
        raise BackendError(f"the compiled policy needs host builtins faasguard does not provide: {sorted(missing)}")
    for name, function in HOST_BUILTINS.items():
        policy.register_builtin(name, function)
    return policy, json.loads(files.joinpath("data.json").read_text(encoding="utf-8"))


# opa-py-wasm's guards are sized for small requests (1 MB of input, 256 MiB of memory, 30 s): a plan of a
# few thousand resources is larger. faasguard's own limits bound the input (limits.py: the file size, the
# YAML alias expansion); these bound what one evaluation may take.
WASM_MAX_INPUT_BYTES = 1024 * 1024 * 1024
WASM_MAX_RESULT_BYTES = 256 * 1024 * 1024
WASM_MAX_MEMORY_PAGES = 32768  # 2 GiB
WASM_EVAL_TIMEOUT_SECONDS = 600.0


def _config(policy_config):
    # one instance: documents are evaluated one after another
    return policy_config(pool_size=1, max_input_bytes=WASM_MAX_INPUT_BYTES, max_result_bytes=WASM_MAX_RESULT_BYTES,
                         max_memory_pages=WASM_MAX_MEMORY_PAGES, eval_timeout_seconds=WASM_EVAL_TIMEOUT_SECONDS)


def _with_config(data: dict, config: dict) -> dict:
    """The bundle's data with data.faasguard.config set."""
    faasguard = dict(data.get("faasguard") or {})
    faasguard["config"] = {**(faasguard.get("config") or {}), **config}
    return {**data, "faasguard": faasguard}


def _advice(exc: Exception) -> str:
    """OPA's WebAssembly frees nothing during an evaluation, so a large input (a plan of some thousands of
    resources) can need more memory than the bound: the opa binary evaluates it in far less."""
    if "malloc" in str(exc) or "memory" in str(exc).lower():
        return (f" (the evaluation needs more than {WASM_MAX_MEMORY_PAGES * 64 // 1024} MiB of WebAssembly "
                "memory; use --rego-backend opa for an input this large)")
    return ""


class WasmBackend:
    name = "wasm"

    def evaluate(self, inputs: Sequence[dict], config: dict) -> list[list[dict] | BackendError]:
        from opapywasm import UNDEFINED, OpaWasmError

        try:
            policy, data = _policy()
            policy.set_data(_with_config(data, config))
        except (OSError, OpaWasmError) as exc:
            raise BackendError(f"cannot load the compiled policy: {exc}") from exc
        outcomes: list[list[dict] | BackendError] = []
        for document in inputs:
            try:
                value = policy.evaluate(document, ENTRYPOINT)
            except OpaWasmError as exc:
                outcomes.append(BackendError(f"evaluation failed: {exc}{_advice(exc)}"))
                continue
            outcomes.append(BackendError("document was not evaluated") if value is UNDEFINED else value)
        return outcomes
