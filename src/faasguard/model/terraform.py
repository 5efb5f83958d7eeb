"""Terraform HCL modules and plan JSON → views, through one resource index (semantics.md, model.md,
docs/formats/terraform.md). rego/faasguard/lib/terraform and its adapters are the twin, rule for rule.

The two formats differ only in how a resource is read. The loader's HCL document keeps what the files
do not settle as `"${…}"` strings: a conditional on an unknown condition is alternatives, a JSON
document with unknown parts is known (its unknown parts are dropped where a view reads them), any
other such string is unknown, and references are found in those strings. A plan has known values in
`after`, unknown ones in `after_unknown`, and references in `configuration`. `TfResource` hides that;
the view code is shared.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from faasguard.model import iam
from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, Alternatives, choice_of, first_object, get_path
from faasguard.model.views import ABSENT, Views

STATEMENTS = ("policy_statements",)
ATTACHED = ("policy_statements", "managed_policies")  # an attachment's customer policies and managed ones
# How resources link: (resource type, attribute, type of the resources the attribute names, views the
# link feeds). rego/faasguard/lib/terraform's _link_specs is this table without the last column.
LINKS = (
    ("aws_lambda_function", "role", "aws_iam_role", ("roles", *ATTACHED)),
    ("aws_lambda_function_url", "function_name", "aws_lambda_function", ("function_urls",)),
    ("aws_iam_role_policy", "role", "aws_iam_role", STATEMENTS),
    ("aws_iam_role", "managed_policy_arns", "aws_iam_policy", STATEMENTS),
    ("aws_iam_role_policy_attachment", "role", "aws_iam_role", ATTACHED),
    ("aws_iam_role_policy_attachment", "policy_arn", "aws_iam_policy", STATEMENTS),
    ("aws_iam_policy_attachment", "roles", "aws_iam_role", ATTACHED),
    ("aws_iam_policy_attachment", "policy_arn", "aws_iam_policy", STATEMENTS),
    ("aws_iam_role_policy_attachments_exclusive", "role_name", "aws_iam_role", ATTACHED),
    ("aws_iam_role_policy_attachments_exclusive", "policy_arns", "aws_iam_policy", STATEMENTS),
    ("aws_iam_role_policies_exclusive", "role_name", "aws_iam_role", STATEMENTS),
    ("aws_iam_role_policies_exclusive", "policy_names", "aws_iam_role_policy", STATEMENTS),
    ("aws_cognito_identity_pool_roles_attachment", "roles", "aws_iam_role", ("identity_pool_statements",)),
)
# Resources attaching managed policies: type -> (attribute naming the roles, attribute naming the
# policies); a role attaches its own managed_policy_arns.
ATTACHMENTS = {
    "aws_iam_role": (None, "managed_policy_arns"),
    "aws_iam_role_policy_attachment": ("role", "policy_arn"),
    "aws_iam_policy_attachment": ("roles", "policy_arn"),
    "aws_iam_role_policy_attachments_exclusive": ("role_name", "policy_arns"),
}
# The attributes a known value may name a resource by (beside the resource part of its ARN).
_IDENTITY_ATTRIBUTES = {
    "aws_iam_role": ("name", "arn"),
    "aws_iam_policy": ("arn",),
    "aws_iam_role_policy": ("name",),
    "aws_lambda_function": ("function_name", "arn"),
}
_ARN_IDS = (re.compile(r"^arn:[^:]+:iam::[0-9]*:((?:role|policy)/.+)$"),
            re.compile(r"^arn:[^:]+:lambda:[^:]*:[0-9]*:(function:[^:]+)"))
REFERENCE_KEY = re.compile(r"(?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*")
# A conditional the loader could not settle, `${<condition> ? <a> : <b>}`, matched whole; the Rego
# adapter's _conditional is the same pattern anchored with ^…$. A branch is a JSON string or a word.
CONDITIONAL = re.compile(
    r'\$\{\s*((?:[^?"]|"(?:[^"\\]|\\.)*")+?)'
    r'\s*\?\s*("(?:[^"\\]|\\.)*"|[^"?:]+?)'
    r'\s*:\s*("(?:[^"\\]|\\.)*"|[^"?:]+?)\s*\}'
)
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_WORDS = {"true": True, "True": True, "false": False, "False": False}
_SKIPPED_ACTIONS = ({"delete"}, {"forget"})


def reference_keys(text: str) -> list[str]:
    """The resource keys an expression names ("aws_iam_role.r" in "${aws_iam_role.r.arn}",
    "data.aws_x.d"); other references (var.x, each.value) are kept as they are."""
    return REFERENCE_KEY.findall(text)


# ------------------------------------------------------------------------------------ resources


@dataclass
class TfResource:
    address: str
    type: str  # data sources: "data.<type>"
    module: str  # the module instance address ("" for the root module)
    config_name: str  # the key a reference names: "type.name" / "data.type.name", without instance key
    values: dict[str, Any]
    unknown: Any = field(default_factory=dict)  # attribute -> True (nested like a plan's after_unknown)
    refs: dict[str, list[str]] = field(default_factory=dict)  # attribute -> reference keys
    # plan: the attributes the configuration sets (None when the configuration is not in the plan)
    configured: frozenset[str] | None = None
    index: Any = None  # the count or for_each key of a planned instance
    not_created: str | None = None  # why the files settle that the resource is not created
    written: dict[str, Any] | None = None  # HCL: the block as the loader left it (plan: None)
    # plan: attribute -> the references of its expression as the configuration writes them
    # ("data.aws_ssm_parameter.p.value"; `refs` keeps only the resource keys)
    reference_texts: dict[str, list[str]] = field(default_factory=dict)
    # the input variables its expressions reference (HCL: also those the loader replaced by their value)
    variables: frozenset[str] = frozenset()
    # plan: the (module instance, reference key) pairs by which a reference in another module names it
    # (`var.role_arn` in module.fn["a"], `module.fn["a"].function_name` in the root): _link_modules
    aliases: set[tuple[str, str]] = field(default_factory=set)

    def as_written(self, *path: Any) -> Any:
        """A value as written, to say why it is unknown: HCL keeps its `${…}`; a plan has no text."""
        return UNKNOWN if self.written is None else get_path(self.written, *path)

    def value(self, *path: Any) -> Any:
        if any(get_path(self.unknown, *path[:i]) is True for i in range(1, len(path) + 1)):
            if self.configured is not None and path[0] not in self.configured:
                return None  # computed by the provider from its default: the files leave it unset
            return UNKNOWN
        return get_path(self.values, *path)


class Index:
    """The resources of a document by type, by the key references name, and by the names and ARNs
    known values name them by; and the links of LINKS."""

    def __init__(self, resources: list[TfResource], data_sources: Iterable[TfResource] = (),
                 variables: dict[tuple[str, str], dict[str, Any]] | None = None):
        # (module path, name) -> the variable block (HCL: with the default the loader settled)
        self.variables = variables or {}
        self.not_created = [r for r in resources if r.not_created]
        self.resources = [r for r in resources if not r.not_created]
        self.by_type: dict[str, list[TfResource]] = defaultdict(list)
        self.by_ref: dict[tuple[str, str], list[TfResource]] = defaultdict(list)
        self.by_id: dict[tuple[str, str], list[TfResource]] = defaultdict(list)
        for resource in [*self.resources, *data_sources]:
            self.by_type[resource.type].append(resource)
            self.by_ref[(resource.module, resource.config_name)].append(resource)
            for alias in resource.aliases:  # a reference across a module boundary names it too
                self.by_ref[alias].append(resource)
            for identity in _identities(resource):
                self.by_id[(resource.type, identity)].append(resource)
        self.links = {(r.address, attribute): self._targets(r, attribute, target)
                      for rtype, attribute, target, _ in LINKS for r in self.by_type[rtype]}

    def of_type(self, rtype: str) -> list[TfResource]:
        return self.by_type.get(rtype, [])

    def referenced(self, resource: TfResource, attribute: str, rtype: str) -> list[TfResource]:
        """Resources of rtype that the references of `attribute` name, in the resource's module (in a plan,
        also through module inputs and outputs: TfResource.aliases)."""
        return [t for key in resource.refs.get(attribute, []) for t in self.by_ref.get((resource.module, key), [])
                if t.type == rtype]

    def linked(self, resource: TfResource, attribute: str) -> list[TfResource]:
        return self.links.get((resource.address, attribute), [])

    def _targets(self, resource: TfResource, attribute: str, rtype: str) -> list[TfResource]:
        """By reference in the same module; `each.value` in a resource with for_each: the instance
        with the same key of what for_each references; or by a known value (a name, an ARN)."""
        found = {t.address: t for t in self.referenced(resource, attribute, rtype)}
        if "each.value" in resource.refs.get(attribute, []):
            found.update((t.address, t) for t in self.referenced(resource, "for_each", rtype)
                         if t.index == resource.index)
        for value in iam.strings_of(resource.value(attribute)):
            for identity in _value_ids(value):
                found.update((t.address, t) for t in self.by_id.get((rtype, identity), []))
        return list(found.values())


def _identities(resource: TfResource) -> set[str]:
    """The strings a known value may use to name a resource: its name or ARN, and for a role, policy
    or function the resource part of its ARN (role/<path><name>, policy/<path><name>, function:<name>)."""
    found = {v for a in _IDENTITY_ATTRIBUTES.get(resource.type, ()) if isinstance(v := resource.value(a), str)}
    name = resource.value("function_name" if resource.type == "aws_lambda_function" else "name")
    if not isinstance(name, str):
        return found
    path = resource.value("path")
    path = path if isinstance(path, str) else "/"
    part = {"aws_iam_role": f"role{path}{name}", "aws_iam_policy": f"policy{path}{name}",
            "aws_lambda_function": f"function:{name}"}.get(resource.type)
    return found | ({part} if part else set())


def _value_ids(value: str) -> set[str]:
    """The ids a known value is looked up by: itself, and the resource part of a customer IAM or
    Lambda ARN (AWS managed policy ARNs, account "aws", never match a resource of the configuration)."""
    return {value} | {m.group(1) for pattern in _ARN_IDS if (m := pattern.match(value))}


# ---------------------------------------------------------------------------------------------- HCL


def _branch(text: str) -> Any:
    """A branch of a conditional: a JSON string, true/false or a number; null, a string still holding
    `${` and anything else are unknown."""
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except ValueError:
            return UNKNOWN
        return value if isinstance(value, str) and "${" not in value else UNKNOWN
    if text in _WORDS:
        return _WORDS[text]
    if _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return UNKNOWN


def _conditional(match: re.Match[str]) -> Any:
    """The branch of a literal condition, else the choice between the two branches."""
    condition, first, second = match.groups()
    if condition in _WORDS:
        return _branch(first if _WORDS[condition] else second)
    return choice_of([_branch(first), _branch(second)])


def hcl_value(value: Any) -> Any:
    """A value of the loader's document: known as written, a conditional → its alternatives, a JSON
    document with unknown parts → itself, any other string with `${` → UNKNOWN (rego: _value)."""
    if not isinstance(value, str) or "${" not in value:
        return value
    conditional = CONDITIONAL.fullmatch(value)
    if conditional:
        return _conditional(conditional)
    return value if _is_json_object(value) else UNKNOWN


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _known(value: Any) -> Any:
    """hcl_value at every level; unknown entries of lists and maps are left out."""
    value = hcl_value(value)
    if isinstance(value, dict):
        return {k: v for k, v in ((k, _known(v)) for k, v in value.items()) if v is not UNKNOWN}
    if isinstance(value, list):
        return [v for v in map(_known, value) if v is not UNKNOWN]
    return value


# The top-level key of the loader's document: resource key -> the variables its block referenced
# before the loader replaced them by their values (rego: adapters/terraform _replaced_variables).
VARIABLE_REFERENCES = "faasguard_variable_references"
# `var.<name>` / `local.<name>` in an expression (not `x.var.y`); rego: lib/terraform _variable_pattern
_VARIABLE_REFERENCE = re.compile(r"(?:^|[^A-Za-z0-9_.-])var\.([A-Za-z_][A-Za-z0-9_-]*)")
_LOCAL_REFERENCE = re.compile(r"(?:^|[^A-Za-z0-9_.-])local\.([A-Za-z_][A-Za-z0-9_-]*)")


def variable_names(block: Any, locals_: Any) -> set[str]:
    """The variables a block's `${…}` expressions reference: `var.x`, and those of the locals it
    references (one level: `local.x` whose expression is or holds `var.y`). `locals_` is the
    document's `locals` (a list of blocks)."""
    texts = list(_expressions(block))
    names = {n for text in texts for n in _VARIABLE_REFERENCE.findall(text)}
    blocks = [b for b in (locals_ if isinstance(locals_, list) else [locals_]) if isinstance(b, dict)]
    for local in {n for text in texts for n in _LOCAL_REFERENCE.findall(text)}:
        names |= {n for b in blocks if local in b for text in _expressions(b[local])
                  for n in _VARIABLE_REFERENCE.findall(text)}
    return names


def _expressions(value: Any) -> Iterator[str]:
    """The `${…}` strings anywhere in a value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _expressions(item)
    elif isinstance(value, list):
        for item in value:
            yield from _expressions(item)
    elif isinstance(value, str) and "${" in value:
        yield value


def dynamic_block_names(block: dict[str, Any]) -> set[str]:
    """Nested block types a `dynamic` block left unexpanded generates (conftest: dynamic.x[];
    bc-python-hcl2: dynamic[].x): their blocks are unknown."""
    entries = block.get("dynamic")
    listed = entries if isinstance(entries, list) else [entries] if isinstance(entries, dict) else []
    return {name for entry in listed if isinstance(entry, dict) for name in entry}


def not_created_reason(block: dict[str, Any]) -> str | None:
    """Why a resource's count or for_each settles that it is not created, else None."""
    count = block.get("count")
    if isinstance(count, (int, float)) and not isinstance(count, bool) and count == 0:
        return "count is 0"
    for_each = block.get("for_each")
    if isinstance(for_each, (dict, list)) and not for_each:
        return "for_each is empty"
    return None


_EACH_VALUE = re.compile(r"\$\{\s*each\.value\s*\}")


def _each_values(block: dict[str, Any]) -> list[Any] | None:
    """The values `each.value` takes over the instances of a settled for_each (a list or set, or a
    map's values); None when the for_each is not settled."""
    for_each = hcl_value(block.get("for_each"))
    if isinstance(for_each, dict):
        return list(for_each.values())
    return for_each if isinstance(for_each, list) else None


def _attribute(block: dict[str, Any], value: Any) -> Any:
    """An attribute's known value. A whole `${each.value}` of a resource whose for_each is settled
    stands for the values of all its instances: `policy_arn = each.value` attaches them all (rego:
    _attribute)."""
    each = _each_values(block) if isinstance(value, str) and _EACH_VALUE.fullmatch(value) else None
    return _known(value if each is None else each)


def _hcl_resource(module: str, key: str, rtype: str, block: dict[str, Any]) -> TfResource:
    values = {k: v for k, v in ((k, _attribute(block, v)) for k, v in block.items()) if v is not UNKNOWN}
    unknown = (set(block) - set(values)) | dynamic_block_names(block)
    refs = {attribute: keys for attribute, value in block.items()
            if (keys := [k for text in _expressions(value) for k in reference_keys(text)])}
    return TfResource(f"{module}.{key}" if module else key, rtype, module, key, values,
                      unknown=dict.fromkeys(unknown, True), refs=refs, not_created=not_created_reason(block),
                      written=block)


def _hcl_blocks(data: dict[str, Any], kind: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(type, name, block) of each resource or data block (the first block of a name)."""
    for rtype, by_name in (data.get(kind) or {}).items():
        for name, blocks in (by_name or {}).items():
            yield rtype, name, first_object(blocks) or {}


def _hcl_document(resource: TfResource, block: dict[str, Any]) -> TfResource:
    """A data.aws_iam_policy_document with its normalized statements (statements whose effect is
    unknown are left out); Resource entries as written, for the builder to sort known from unknown."""
    listed = [s for s in _blocks(block.get("statement")) if _known_effect(s)]
    resource.values = _block_document([_known(s) for s in listed], listed)
    return resource


def _known_effect(statement: dict[str, Any]) -> bool:
    return "effect" not in statement or isinstance(hcl_value(statement["effect"]), (str, type(None)))


def _doc_statement(block: dict[str, Any], written: dict[str, Any] | None = None) -> iam.Statement:
    """A policy document's statement block as a statement; effect defaults to Allow. `written`: the
    block as written (HCL), whose `resources` / `not_resources` keep their `${…}` entries."""
    listed = written if written is not None else block
    return iam.Statement(_doc_effect(block),
                         *(iam.strings_of(block.get(key) or []) for key in ("actions", "not_actions")),
                         *(iam.strings_of(listed.get(key) or []) for key in ("resources", "not_resources")))


def _doc_effect(block: dict[str, Any]) -> str:
    effect = block.get("effect")
    return effect if isinstance(effect, str) else "Allow"


# ----------------------------------------------------------------------------- policy documents



def _block_document(blocks: list[dict[str, Any]], written: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The values of a policy document data source from its statement blocks (known effects only):
    its statements, and whether it lets Lambda assume the role (principals type Service)."""
    return {"statements": [_doc_statement(b, w) for b, w in zip(blocks, written or blocks)],
            "trusts_lambda": any(iam.is_allow(_doc_effect(b)) and _block_trusts_lambda(b) for b in blocks)}


def _block_trusts_lambda(block: dict[str, Any]) -> bool:
    return any(p.get("type") == "Service" and iam.LAMBDA_SERVICE in iam.strings_of(p.get("identifiers"))
               for p in _blocks(block.get("principals")))


def _json_document(policy: Any) -> dict[str, Any]:
    """The values of a policy document known as JSON (a string or an object)."""
    return {"statements": iam.statements(policy), "trusts_lambda": json_trusts_lambda(policy)}


def json_trusts_lambda(policy: Any) -> bool:
    """Whether a policy document (JSON string or object) has an Allow statement whose
    Principal.Service (a string or a list) is lambda.amazonaws.com (rego: _json_trusts_lambda)."""
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return False
    listed = policy.get("Statement") if isinstance(policy, dict) else None
    return any(iam.is_allow(s.get("Effect")) and isinstance(s.get("Principal"), dict)
               and iam.LAMBDA_SERVICE in iam.strings_of(s["Principal"].get("Service"))
               for s in _blocks(listed))


def hcl_index(data: dict[str, Any]) -> Index:
    module = data.get("faasguard_module") or ""
    resources = [_hcl_resource(module, f"{t}.{n}", t, b) for t, n, b in _hcl_blocks(data, "resource")]
    replaced = data.get(VARIABLE_REFERENCES) or {}
    for resource in resources:
        resource.variables = frozenset(variable_names(resource.written or {}, data.get("locals"))
                                       | set(replaced.get(resource.config_name) or ()))
    variables = {(module, name): block for name, blocks in (data.get("variable") or {}).items()
                 if isinstance(block := first_object(blocks), dict)}
    data_sources = []
    for rtype, name, block in _hcl_blocks(data, "data"):
        source = _hcl_resource(module, f"data.{rtype}.{name}", f"data.{rtype}", block)
        data_sources.append(_hcl_document(source, block) if rtype == "aws_iam_policy_document" else source)
    index = Index(resources, data_sources, variables)
    index.dependencies = data.get("faasguard_dependencies")  # what the loader read of the code (FG_06_06)
    index.document = data  # outputs and module calls reference resources too (terraform_usage)
    index.providers = data.get("provider")  # the provider blocks (their default_tags: FG_11_06)
    return index


# --------------------------------------------------------------------------------------------- plan


INSTANCE_KEY = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]')


def _config_modules(module: dict[str, Any], path: str = "") -> dict[str, dict[str, Any]]:
    """The configuration modules by module path: module.a.module.b for the instance module.a["x"].module.b[0]."""
    found = {path: module}
    for name, call in (module.get("module_calls") or {}).items():
        if isinstance(call, dict) and isinstance(call.get("module"), dict):
            found.update(_config_modules(call["module"], f"{path}.module.{name}" if path else f"module.{name}"))
    return found


def _config_index(root: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Configuration resources by (module path, address in the module)."""
    return {(path, r.get("address")): r for path, module in _config_modules(root).items()
            for r in module.get("resources") or [] if isinstance(r, dict)}


def _config_variables(root: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The variables each configuration module declares (default, sensitive), by (module path, name)."""
    return {(path, name): v for path, module in _config_modules(root).items()
            for name, v in (module.get("variables") or {}).items() if isinstance(v, dict)}


def _reference_lists(expression: Any) -> Iterator[list]:
    """Every `references` list in an expression of the configuration (nested blocks included)."""
    if isinstance(expression, dict):
        for key, item in expression.items():
            if key == "references" and isinstance(item, list):
                yield item
            else:
                yield from _reference_lists(item)
    elif isinstance(expression, list):
        for item in expression:
            yield from _reference_lists(item)


# A reference to a module output, `module.<call>[<key>].<output>` (rego: adapters/plan/modules.rego).
_MODULE_OUTPUT = re.compile(r'module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?'
                            r'\.[A-Za-z_][A-Za-z0-9_-]*')


def _plan_keys(reference: str) -> list[str]:
    """The keys of a configuration reference: reference_keys, and a module output reference kept whole
    (reference_keys would keep only `module.<call>`, which names neither the instance nor the output)."""
    output = _MODULE_OUTPUT.match(reference)
    return [*reference_keys(reference), *([output.group(0)] if output else [])]


def _expression_keys(expression: Any) -> list[str]:
    """The keys of every reference in a configuration expression, once each, in order."""
    return list(dict.fromkeys(k for names in _reference_lists(expression) for name in names
                              if isinstance(name, str) for k in _plan_keys(name)))


def _plan_refs(config: dict[str, Any]) -> dict[str, list[str]]:
    """Attribute -> keys of what its expression references; "for_each" for the for_each expression."""
    expressions = {**(config.get("expressions") or {}), "for_each": config.get("for_each_expression") or {}}
    return {attribute: keys for attribute, expression in expressions.items() if (keys := _expression_keys(expression))}


def _planned_resource(change: dict[str, Any], configuration: dict[tuple[str, str], dict[str, Any]]) -> TfResource:
    details = change.get("change") or {}
    module = change.get("module_address") or ""
    prefix = "data." if change.get("mode") == "data" else ""
    config_name = f"{prefix}{change.get('type')}.{change.get('name')}"
    config = configuration.get((INSTANCE_KEY.sub("", module), config_name))
    expressions = config.get("expressions") if config else None
    refs = _plan_refs(config or {})
    return TfResource(
        address=change.get("address"),
        type=f"{prefix}{change.get('type')}",
        module=module,
        config_name=config_name,
        values=details["after"],
        unknown=details.get("after_unknown") or {},
        refs=refs,
        reference_texts={attribute: [name for names in _reference_lists(expression) for name in names
                                     if isinstance(name, str)]
                         for attribute, expression in ((config or {}).get("expressions") or {}).items()},
        configured=frozenset(expressions) if isinstance(expressions, dict) else None,
        index=change.get("index"),
        variables=frozenset(key[4:] for keys in refs.values() for key in keys if key.startswith("var.")),
    )


def _planned_document(document: TfResource) -> TfResource:
    """A policy document read at apply time: its known json, else its statement blocks (those with
    an unknown effect left out)."""
    text = document.value("json")
    if isinstance(text, str):
        document.values = _json_document(text)
        return document
    blocks = document.value("statement")
    document.values = _block_document([block for i, block in enumerate(blocks if isinstance(blocks, list) else [])
                                       if isinstance(block, dict)
                                       and document.value("statement", i, "effect") is not UNKNOWN])
    return document


def _state_modules(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield module
    for child in module.get("child_modules") or []:
        if isinstance(child, dict):
            yield from _state_modules(child)


def _state_data_sources(plan: dict[str, Any], planned: set[str]) -> Iterator[TfResource]:
    """Data sources read while planning (prior_state) that no resource change reads again."""
    for module in _state_modules(get_path(plan, "prior_state", "values", "root_module") or {}):
        for resource in module.get("resources") or []:
            if resource.get("mode") != "data" or resource.get("address") in planned:
                continue
            values = resource.get("values") or {}
            source = TfResource(resource.get("address"), f"data.{resource.get('type')}", module.get("address", ""),
                                f"data.{resource.get('type')}.{resource.get('name')}", values)
            if resource.get("type") == "aws_iam_policy_document":
                source.values = _json_document(values.get("json"))
            yield source


def plan_index(plan: dict[str, Any]) -> Index:
    configuration = _config_index(get_path(plan, "configuration", "root_module") or {})
    resources, data_sources = [], []
    for change in plan.get("resource_changes") or []:
        # data sources read at apply time (their inputs are unknown at plan time) are changes too
        if not isinstance(change, dict) or change.get("mode") not in ("managed", "data"):
            continue
        details = change.get("change") or {}
        if set(details.get("actions") or []) in _SKIPPED_ACTIONS or not isinstance(details.get("after"), dict):
            continue
        resource = _planned_resource(change, configuration)
        if resource.type == "data.aws_iam_policy_document":
            data_sources.append(_planned_document(resource))
        else:
            (data_sources if change["mode"] == "data" else resources).append(resource)
    planned = {c.get("address") for c in plan.get("resource_changes") or [] if isinstance(c, dict)}
    data_sources += _state_data_sources(plan, planned)
    root = get_path(plan, "configuration", "root_module") or {}
    _link_modules(root, [*resources, *data_sources])
    index = Index(resources, data_sources, _config_variables(root))
    index.dependencies = plan.get("faasguard_dependencies")  # what the loader read of the code (FG_06_06)
    index.document = plan  # its configuration's outputs and module calls (terraform_usage)
    return index


# ----------------------------------------------------------------------- references across modules
# A reference in a module instance to `var.<x>` names what the module call's argument references in the
# calling module; a reference to `module.<m>[<k>].<out>` names what that output references inside the
# module instance. The plan's configuration holds both (module_calls.<m>.expressions.<x>.references,
# module_calls.<m>.module.outputs.<out>.expression.references). rego: adapters/plan/modules.rego.

# How many module boundaries a reference is followed across (a module in a module in …).
MODULE_DEPTH = 8
# The last module call of a module instance address: (calling instance, call name, `[<key>]` or "").
_LAST_CALL = re.compile(r'(?:(.*)\.)?module\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?')
# A module call argument reading one of these differs per instance of the call.
_INSTANCE_KEYS = ("each.key", "each.value", "count.index")


def _crosses_module(key: str) -> bool:
    """Whether a reference key names something across a module boundary (a variable, a module output)."""
    return key.startswith("var.") or _MODULE_OUTPUT.fullmatch(key) is not None


def _module_hops(modules: dict[str, dict[str, Any]], scope: str, key: str) -> list[tuple[str, str, Any]]:
    """(module instance, key, instance key) of what a crossing key in a module instance stands for, one
    module boundary away. The instance key, when not None, is the module call's: its argument reads
    each.key, each.value or count.index, so it names the instance of a resource with that key."""
    call = _LAST_CALL.fullmatch(scope) if key.startswith("var.") else None
    if call:
        parent, name, instance = call.group(1) or "", call.group(2), call.group(3)
        config = get_path(modules.get(INSTANCE_KEY.sub("", parent)) or {}, "module_calls", name) or {}
        keys = _expression_keys(get_path(config, "expressions", key[4:]))
        if "each.value" in keys:  # each.value stands for what for_each references
            keys += _expression_keys(config.get("for_each_expression"))
        same = json.loads(instance[1:-1]) if instance and any(k in _INSTANCE_KEYS for k in keys) else None
        return [(parent, k, same) for k in keys]
    if _MODULE_OUTPUT.fullmatch(key):
        instance, output = key.rsplit(".", 1)
        child = f"{scope}.{instance}" if scope else instance
        expression = get_path(modules.get(INSTANCE_KEY.sub("", child)) or {}, "outputs", output, "expression")
        return [(child, k, None) for k in _expression_keys(expression)]
    return []


def _module_reach(modules: dict[str, dict[str, Any]], scope: str, key: str) -> set[tuple[str, str, Any]]:
    """Everything a crossing key stands for within MODULE_DEPTH module boundaries (chains through
    modules in modules; Terraform allows no cycle, and the bound keeps a malformed plan finite)."""
    found: set[tuple[str, str, Any]] = set()
    frontier = {(scope, key, None)}
    for _ in range(MODULE_DEPTH):
        frontier = {hop for s, k, _ in frontier for hop in _module_hops(modules, s, k)}
        found |= frontier
    return found


def _instance_targets(targets: list[TfResource], instance: Any) -> list[TfResource]:
    """The targets with the module instance's key when some have it (decidable), else all of them."""
    same = [t for t in targets if instance is not None and t.index == instance]
    return same or targets


def _link_modules(root: dict[str, Any], resources: list[TfResource]) -> None:
    """Give each resource the aliases by which references across module boundaries name it."""
    modules = _config_modules(root)
    by_key: dict[tuple[str, str], list[TfResource]] = defaultdict(list)
    for resource in resources:
        by_key[(resource.module, resource.config_name)].append(resource)
    starts = {(r.module, k) for r in resources for keys in r.refs.values() for k in keys if _crosses_module(k)}
    for start in starts:
        for scope, key, instance in _module_reach(modules, *start):
            for target in _instance_targets(by_key.get((scope, key), []), instance):
                target.aliases.add(start)


# ------------------------------------------------------------------------------------ unknowns


_VARIABLE = re.compile(r"^var\.([A-Za-z0-9_-]+)")


def why_unknown(written: Any) -> str | None:
    """Why a value is unknown: the first `${…}` expression in it as written (HCL), else the plan's
    after_unknown (a plan keeps no expression text). None for an attribute of a managed resource
    (ViewBuilder); a data source or a module output is an input of the deployment."""
    expression = next(_expressions(written), None)
    if expression is None:
        return "known only after apply (the plan marks it after_unknown)"
    inner = expression.strip()[2:-1].strip() if expression.strip().startswith("${") else expression
    variable = _VARIABLE.match(inner)
    if variable:
        return f"variable {variable.group(1)} has no default and no value from a variables file or a module call"
    keys = reference_keys(inner)
    if keys and inner.startswith(keys[0]) and not keys[0].startswith(("data.", "module.")):
        return None
    if keys and inner.startswith(keys[0]):
        return f"{keys[0]} is read at plan or apply time"
    return f"{expression} is evaluated at apply"


# -------------------------------------------------------------------------------------------- views


def _members(value: Any, known) -> Any:
    """A value with each alternative mapped by `known` (which returns UNKNOWN for what it cannot read)."""
    if isinstance(value, Alternatives):
        return choice_of([known(v) for v in value.values])
    return known(value)


def _mode(value: Any) -> Any:
    return value if isinstance(value, str) else UNKNOWN


def _tracing_mode(function: TfResource) -> Any:
    """The mode of the first tracing_config block, ABSENT without one, UNKNOWN (None) if unknown."""
    config = function.value("tracing_config")
    if config is UNKNOWN or isinstance(config, Alternatives):  # a choice is not a block: unknown
        return None
    blocks = _blocks(config)
    if not blocks:
        return ABSENT
    mode = function.value("tracing_config", 0, "mode") if isinstance(config, list) else blocks[0].get("mode")
    return _members(mode, _mode)


def _blocks(value: Any) -> list[dict[str, Any]]:
    """The nested blocks of an attribute (arrays of objects; a lone object is one block)."""
    if isinstance(value, list):
        return [b for b in value if isinstance(b, dict)]
    return [value] if isinstance(value, dict) else []


def environment_maps(function: TfResource) -> list[Any]:
    """The `variables` of each environment block, as written (HCL) or planned."""
    written = function.as_written("environment") if function.written is not None else function.value("environment")
    maps = [block.get("variables") for block in _blocks(written)]
    return [m for found in maps for m in (found if isinstance(found, list) else [found]) if m is not None]


def _environment_variables(maps: list[Any], unknown: Any) -> dict[str, Any]:
    """Name -> value of the maps, UNKNOWN where the plan marks it after_unknown (`unknown`)."""
    variables = {k: v for found in maps if isinstance(found, dict) for k, v in found.items()}
    return {k: UNKNOWN if isinstance(unknown, dict) and unknown.get(k) is True else v for k, v in variables.items()}


def _environment_value(value: Any) -> Any:
    return _members(hcl_value(value), _as_terraform_string)


def _as_terraform_string(value: Any) -> Any:
    """Environment variables are a map(string): Terraform turns numbers and bools into strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else json.dumps(value)
    return value if isinstance(value, str) else UNKNOWN


def _function_views(index: Index, builder: ViewBuilder) -> None:
    for function in index.of_type("aws_lambda_function"):
        address = function.address
        builder.function(address, function.value("function_name"))
        if function.value("package_type") != "Image":  # a container image has no runtime of its own
            builder.runtime(address, function.value("runtime"), [address], function.as_written("runtime"))
        builder.tracing(address, _tracing_mode(function), [address], function.as_written("tracing_config"))
        _environment_view(function, builder)
    for url in index.of_type("aws_lambda_function_url"):
        functions = [f.address for f in index.linked(url, "function_name")]
        builder.function_url(url.address, url.value("authorization_type"), functions,
                             url.as_written("authorization_type"))


def _environment_view(function: TfResource, builder: ViewBuilder) -> None:
    """Its variables, and one unknown when a whole environment block or map is unknown."""
    address = function.address
    maps = environment_maps(function)
    unknown = get_path(function.unknown, "environment", 0, "variables")
    if function.value("environment") is UNKNOWN or unknown is True or any(not isinstance(m, dict) for m in maps):
        builder.unknown(address, "environment", "environment", function.as_written("environment"), [address])
    builder.environment(address, _environment_variables(maps, unknown), [address], resolve=_environment_value)


class _Iam:
    """Which functions use which role, which roles are function roles, and which resources carry
    statements or attach managed policies for which roles (rego/faasguard/lib/terraform:
    _function_roles, _carrier_roles, _attacher_triples)."""

    def __init__(self, index: Index):
        self.index = index
        self.role_functions: dict[str, set[str]] = defaultdict(set)
        for function in index.of_type("aws_lambda_function"):
            for role in index.linked(function, "role"):
                self.role_functions[role.address].add(function.address)
        # a role trusting Lambda is a function role before any function uses it (anyone allowed
        # iam:PassRole and lambda:CreateFunction can give it one)
        self.trust = {role.address: _trusts_lambda(index, role) for role in index.of_type("aws_iam_role")}
        self.function_roles = {role.address: role for role in index.of_type("aws_iam_role")
                               if role.address in self.role_functions or self.trust[role.address]}
        # (attaching resource, role, attribute naming the policies)
        self.attachers = [(a, role, policies) for rtype, (roles, policies) in ATTACHMENTS.items()
                          for a in index.of_type(rtype)
                          for role in ([a] if roles is None else index.linked(a, roles))]

    def reached(self, roles: Iterable[TfResource]) -> tuple[list[str], set[str]]:
        """(the function roles among `roles`, the functions using them)."""
        found = sorted({role.address for role in roles if role.address in self.function_roles})
        return found, {f for role in found for f in self.role_functions.get(role, ())}

    def carriers(self) -> Iterator[tuple[TfResource, TfResource]]:
        """(resource carrying statements, a role they apply to)."""
        index = self.index
        for role in index.of_type("aws_iam_role"):
            yield role, role
        for policy in index.of_type("aws_iam_role_policy"):
            yield from ((policy, role) for role in index.linked(policy, "role"))
        for exclusive in index.of_type("aws_iam_role_policies_exclusive"):
            for policy in index.linked(exclusive, "policy_names"):
                yield from ((policy, role) for role in index.linked(exclusive, "role_name"))
        for attacher, role, attribute in self.attachers:
            yield from ((policy, role) for policy in index.linked(attacher, attribute))


def _statements(index: Index, carrier: TfResource) -> list[iam.Statement]:
    if carrier.type == "aws_iam_role":
        return [s for block in _blocks(carrier.value("inline_policy")) for s in iam.statements(block.get("policy"))] \
            + (_document_statements(index, carrier, "inline_policy") if _unknown_inline_policy(carrier) else [])
    body = carrier.value("policy")
    if isinstance(body, (str, dict)):
        return iam.statements(body)
    return _document_statements(index, carrier, "policy")


def _unknown_inline_policy(role: TfResource) -> bool:
    inline = role.value("inline_policy")
    return inline is UNKNOWN or any(not isinstance(b.get("policy"), (str, dict)) for b in _blocks(inline))


def _document_statements(index: Index, resource: TfResource, attribute: str) -> list:
    """The statements of the policy documents an attribute whose body is unknown references."""
    return [s for d in index.referenced(resource, attribute, "data.aws_iam_policy_document")
            for s in d.values.get("statements", [])]


def _policy_attribute(carrier: TfResource) -> str:
    return "inline_policy" if carrier.type == "aws_iam_role" else "policy"


def _unknown_policy(carrier: TfResource) -> bool:
    """A policy body only apply settles (its statements, if any, come from referenced documents)."""
    if carrier.type == "aws_iam_role":
        return _unknown_inline_policy(carrier)
    return carrier.value("policy") is UNKNOWN


def _managed_policies(index: Index, attacher: TfResource, attribute: str) -> Iterator[Any]:
    """The managed policies an attribute attaches: known ARNs (or alternatives of them), and the
    ARN or name of the `data "aws_iam_policy"` sources it references."""
    value = attacher.value(attribute)
    yield from (v for v in (value if isinstance(value, list) else [value])
                if isinstance(v, (str, Alternatives)))
    for source in index.referenced(attacher, attribute, "data.aws_iam_policy"):
        known = next((v for v in (source.value("arn"), source.value("name")) if isinstance(v, str)), None)
        if known:
            yield known


def _named_policies(index: Index, attacher: TfResource, attribute: str) -> bool:
    """Whether an attribute names policies of the configuration (resources or data sources)."""
    return bool(index.linked(attacher, attribute) or index.referenced(attacher, attribute, "data.aws_iam_policy"))


def _trusts_lambda(index: Index, role: TfResource) -> bool | None:
    """Whether a role's assume_role_policy lets Lambda assume it: a known document (JSON string,
    heredoc, jsonencode), else the policy documents it references; None when only apply settles it."""
    policy = role.value("assume_role_policy")
    if isinstance(policy, (str, dict)):
        return json_trusts_lambda(policy)
    documents = index.referenced(role, "assume_role_policy", "data.aws_iam_policy_document")
    if documents:
        return any(d.values.get("trusts_lambda") for d in documents)
    return None if policy is UNKNOWN or isinstance(policy, Alternatives) else False


def _has_permissions_boundary(role: TfResource) -> bool:
    """Set to anything, a reference or a choice included; null or absent is no boundary."""
    return role.value("permissions_boundary") is not None


# Whole-expression Resource entries that name a resource of the configuration (`${aws_s3_bucket.b.arn}`,
# `${data.aws_s3_bucket.b.arn}`), unlike a variable, a module output or a conditional, which could be "*".
_NOT_RESOURCE_KEYS = ("var.", "local.", "module.", "each.", "count.", "path.", "terraform.", "self.")


def _open_entries(statement: iam.Statement) -> list[str]:
    """The Resource / NotResource entries that are wholly an expression the files do not settle and
    that could stand for any resource (HCL; a plan has settled its variables). An entry with text
    around an expression (`arn:aws:s3:::${var.bucket}/*`) names a specific resource."""
    entries = [*statement.resources, *statement.not_resources]
    return [e for e in entries if e.startswith("${") and e.endswith("}") and e.count("${") == 1
            and not _names_configured_resource(e[2:-1].strip())]


def _names_configured_resource(expression: str) -> bool:
    keys = reference_keys(expression)
    return bool(keys) and expression.startswith(keys[0]) and not keys[0].startswith(_NOT_RESOURCE_KEYS) \
        and "?" not in expression


def _role_views(links: _Iam, builder: ViewBuilder) -> None:
    for address, role in links.function_roles.items():
        builder.role(address, links.role_functions.get(address, ()), _has_permissions_boundary(role))
    for role in links.index.of_type("aws_iam_role"):
        if links.trust[role.address] is None and role.address not in links.function_roles:
            builder.unknown(role.address, "roles", "assume_role_policy", role.as_written("assume_role_policy"), [])


def _identity_pool_reach(index: Index) -> Callable[[Iterable[TfResource]], tuple[list[str], set[str]]]:
    """(the identity-pool roles among roles, no functions): the roles an
    aws_cognito_identity_pool_roles_attachment's `roles` map names (authenticated, unauthenticated)."""
    pool_roles = {role.address for attachment in index.of_type("aws_cognito_identity_pool_roles_attachment")
                  for role in index.linked(attachment, "roles")}
    return lambda roles: (sorted({role.address for role in roles if role.address in pool_roles}), set())


def _statement_views(index: Index, links: _Iam, builder: ViewBuilder, reach=None,
                     view: str = "policy_statements") -> None:
    """The statements reaching the roles `reach` keeps (default: function roles, with their functions)."""
    reach = reach or links.reached
    roles_of: dict[str, list[TfResource]] = defaultdict(list)
    carriers = {}
    for carrier, role in links.carriers():
        roles_of[carrier.address].append(role)
        carriers[carrier.address] = carrier
    for address, carrier in carriers.items():
        roles, functions = reach(roles_of[address])
        if not roles:
            continue
        statements = _statements(index, carrier)
        if not statements and _unknown_policy(carrier):
            builder.unknown(address, view, "policy", carrier.as_written(_policy_attribute(carrier)), functions)
        for s in statements:
            for entry in _open_entries(s) if iam.is_allow(s.effect) else ():
                builder.unknown(address, view, "policy", entry, functions)
            builder.statement(address, s.effect, s.actions, s.not_actions, functions, roles=roles,
                              resources=s.resources, not_resources=s.not_resources, view=view)


def _managed_policy_views(index: Index, links: _Iam, builder: ViewBuilder) -> None:
    attached: dict[tuple[str, str], list[TfResource]] = defaultdict(list)
    for attacher, role, attribute in links.attachers:
        attached[(attacher.address, attribute)].append(role)
    attachers = {a.address: a for a, _, _ in links.attachers}
    for (address, attribute), all_roles in attached.items():
        roles, functions = links.reached(all_roles)
        if not roles:
            continue
        attacher = attachers[address]
        if attacher.value(attribute) is UNKNOWN and not _named_policies(index, attacher, attribute):
            builder.unknown(address, "managed_policies", "managed_policies", attacher.as_written(attribute), functions)
        for policy in _managed_policies(index, attacher, attribute):
            builder.managed_policy(address, policy, functions, roles=roles)


def _iam_views(index: Index, builder: ViewBuilder) -> None:
    links = _Iam(index)
    _role_views(links, builder)
    _statement_views(index, links, builder)
    _managed_policy_views(index, links, builder)
    _statement_views(index, links, builder, _identity_pool_reach(index), "identity_pool_statements")


def views_of(index: Index) -> Views:
    builder = ViewBuilder(why_unknown)
    _function_views(index, builder)
    _iam_views(index, builder)
    from faasguard.model import (  # they read this module's Index: imported late
        terraform_api_monitoring,
        terraform_apis,
        terraform_code_sources,
        terraform_cors,
        terraform_dependencies,
        terraform_deployment,
        terraform_edge,
        terraform_efs,
        terraform_errors,
        terraform_exposure,
        terraform_failures,
        terraform_lifecycle,
        terraform_limits,
        terraform_logging,
        terraform_monitoring,
        terraform_network,
        terraform_persistence,
        terraform_secret_stores,
        terraform_secrets,
        terraform_storage,
        terraform_throttling,
        terraform_triggers,
        terraform_usage,
        terraform_validation,
    )

    for concern in (terraform_errors, terraform_persistence, terraform_apis, terraform_triggers, terraform_storage,
                    terraform_cors, terraform_exposure, terraform_network, terraform_secrets, terraform_secret_stores,
                    terraform_validation, terraform_edge, terraform_deployment, terraform_efs, terraform_logging,
                    terraform_api_monitoring, terraform_monitoring, terraform_code_sources, terraform_dependencies,
                    terraform_limits, terraform_failures, terraform_throttling, terraform_lifecycle, terraform_usage):
        concern.add_views(index, builder)
    for resource in index.not_created:
        builder.not_created(resource.address, resource.not_created)
    return builder.views


def hcl_views(data: dict[str, Any]) -> Views:
    return views_of(hcl_index(data))


def plan_views(plan: dict[str, Any]) -> Views:
    return views_of(plan_index(plan))
