"""docs/openapi.yaml and `hongwu routes` describe the same routes."""
import pytest
import yaml

from conftest import REPO, hongwu_routes

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
SPEC = REPO / "docs" / "openapi.yaml"


@pytest.fixture(scope="module")
def spec():
    with open(SPEC, encoding="utf-8") as f:
        return yaml.safe_load(f)


def spec_routes(spec):
    return {(m.upper(), path) for path, item in spec["paths"].items() for m in item if m in METHODS}


def test_openapi_matches_hongwu_routes(spec):
    routes = hongwu_routes()
    if routes is None:
        pytest.skip("no hongwu binary")
    served = set(routes)
    documented = spec_routes(spec)
    missing = sorted(served - documented)
    extra = sorted(documented - served)
    msg = []
    if missing:
        msg.append("served but not in docs/openapi.yaml:\n  " + "\n  ".join(f"{m} {p}" for m, p in missing))
    if extra:
        msg.append("in docs/openapi.yaml but not served:\n  " + "\n  ".join(f"{m} {p}" for m, p in extra))
    assert not msg, "\n".join(msg)


def test_openapi_is_3_1_with_security_and_problem(spec):
    assert str(spec["openapi"]).startswith("3.1")
    comps = spec["components"]
    assert {"bearerAuth", "cookieAuth"} <= set(comps["securitySchemes"])
    assert "Problem" in comps["schemas"]
    assert "CsrfToken" in comps["parameters"]


def _refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_openapi_refs_resolve(spec):
    bad = []
    for ref in set(_refs(spec)):
        assert ref.startswith("#/"), ref
        node = spec
        for part in ref[2:].split("/"):
            if not isinstance(node, dict) or part not in node:
                bad.append(ref)
                break
            node = node[part]
    assert not bad, f"unresolved $ref: {bad}"


def test_every_operation_documents_responses_and_id(spec):
    ids = []
    for path, item in spec["paths"].items():
        for m, op in item.items():
            if m not in METHODS:
                continue
            assert op.get("responses"), f"{m} {path} has no responses"
            assert op.get("operationId"), f"{m} {path} has no operationId"
            ids.append(op["operationId"])
            if "{id}" in path:
                params = [p.get("$ref", p.get("name")) for p in op.get("parameters", []) + item.get("parameters", [])]
                assert any("Id" in str(p) or p == "id" for p in params), f"{m} {path} lacks the id parameter"
    assert len(ids) == len(set(ids)), "duplicate operationId"


def test_no_text_split_into_stray_keys(spec):
    """An unquoted comma inside a YAML flow mapping ({description: a, b}) turns
    the rest of the sentence into a key with no value."""
    stray = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if v is None and isinstance(k, str) and " " in k:
                    stray.append("/".join(map(str, path + [k])))
                walk(v, path + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + [i])

    walk(spec, [])
    assert not stray, f"text split into keys (quote it): {stray}"
