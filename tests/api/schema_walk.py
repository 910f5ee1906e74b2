"""The API's OpenAPI schema as the tests read it: its operations, and inputs made from what it documents.

A small generator of our own: for every documented operation, valid values for its path, query and body (from the
types, enums and required fields the schema gives) and a set of invalid ones (wrong types, missing fields, too
long, odd characters, numbers no database column holds).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from drf_spectacular.generators import SchemaGenerator

ODD_STRINGS = [
    "",
    " ",
    "x" * 1000,
    "ü€😀 \u202e",
    "' OR 1=1 --",
    "\x00",
    "-1",
    "99999999999999999999999",
    "1e309",
    "null",
    "[]",
    "../../etc/passwd",
]
ODD_PATH_SEGMENTS = ["0", "-1", "99999999999999999999999", "ü", "x" * 300, "%00", "a.b", "%2e%2e"]
ODD_JSON_VALUES = [None, 0, -1, 10**30, 1.5, True, "", "x" * 25_000, "\x00", [], {}, ["a"], {"a": 1}]


@dataclass
class Operation:
    path: str
    method: str
    spec: dict
    schema: dict = field(repr=False)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def path_parameters(self) -> list[dict]:
        return [p for p in self.spec.get("parameters", []) if p["in"] == "path"]

    @property
    def query_parameters(self) -> list[dict]:
        return [p for p in self.spec.get("parameters", []) if p["in"] == "query"]

    @property
    def body_schema(self) -> dict | None:
        content = self.spec.get("requestBody", {}).get("content", {})
        json_body = content.get("application/json")
        return resolve(self.schema, json_body["schema"]) if json_body else None


def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict) -> list[Operation]:
    return [
        Operation(path=path, method=method, spec=spec, schema=schema)
        for path, methods in sorted(schema["paths"].items())
        for method, spec in methods.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"][name]
    if "allOf" in node and len(node["allOf"]) == 1:
        return resolve(schema, node["allOf"][0])
    return node


def valid_value(schema: dict, node: dict):
    """A value the schema allows, preferring what a real client would send."""
    node = resolve(schema, node)
    if "enum" in node:
        return next(value for value in node["enum"] if value not in (None, ""))
    kind = node.get("type")
    if kind == "boolean":
        return True
    if kind == "integer":
        return max(node.get("minimum", 1), 1)
    if kind == "number":
        return 1.5
    if kind == "array":
        return [valid_value(schema, node.get("items", {"type": "string"}))]
    if kind == "object" or "properties" in node:
        return valid_body(schema, node)
    if node.get("format") == "date-time":
        return "2025-03-04T12:00:00Z"
    return "A perfectly ordinary text of some length."


def valid_body(schema: dict, node: dict) -> dict:
    node = resolve(schema, node)
    properties = node.get("properties", {})
    return {
        name: valid_value(schema, prop)
        for name, prop in properties.items()
        if not prop.get("readOnly") and (name in node.get("required", []) or "enum" in resolve(schema, prop))
    }


def invalid_bodies(schema: dict, node: dict):
    """Bodies that are wrong in one way each: not an object, missing a field, or one field of a wrong kind."""
    yield from (None, [], "just a string", 42)
    good = valid_body(schema, node)
    yield {}
    for name in node.get("required", []):
        yield {key: value for key, value in good.items() if key != name}
    for name in resolve(schema, node).get("properties", {}):
        for odd in ODD_JSON_VALUES:
            yield {**good, name: odd}
    yield {**good, "unexpected": "field", "is_staff": True, "status": "visible"}


def query_cases(schema: dict, operation: Operation):
    """Each query parameter alone with its valid values, then with odd ones; then all valid ones together."""
    for parameter in operation.query_parameters:
        node = resolve(schema, parameter.get("schema", {}))
        values = list(node.get("enum", [])) or [valid_value(schema, node)]
        if node.get("type") == "boolean":
            values = ["true", "false"]
        for value in itertools.chain(values, ODD_STRINGS):
            yield {parameter["name"]: value}
    together = {}
    for parameter in operation.query_parameters:
        node = resolve(schema, parameter.get("schema", {}))
        if parameter["name"] not in ("near", "radius", "unit"):
            together[parameter["name"]] = (list(node.get("enum", [])) or [valid_value(schema, node)])[0]
    yield together
