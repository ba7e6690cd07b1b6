#!/usr/bin/env python3
"""Checks resources/openapi.json and the server's live answers against it.

  check_exchanges.py SPEC                      validate the document (OpenAPI 3.1)
  check_exchanges.py SPEC EXCHANGES SERVER_SRC also check recorded exchanges

The document is validated with openapi-spec-validator when it is installed, else with jsonschema
against the OpenAPI 3.1 meta-schema kept beside this script (oas-3.1-schema.json, from the
OpenAPI Initiative, as shipped by openapi-spec-validator).

EXCHANGES holds one JSON object per line, written by tests/support/httpclient when
CONCERT_HTTP_RECORD is set: {"method", "path", "query", "status", "contentType", "body"}.
Every answer must have a status the document lists for its route and method, and a JSON body
that its schema accepts. Coverage: every operation the server has (one whose probe did not
answer 404 "no such route" or 405) needs at least one 2xx answer, and every error code the
server's sources use (ErrorCode::X under SERVER_SRC, INTERNAL excepted: no bad input may cause
it) must appear at least once. Operations and codes the server does not have yet are listed,
not failed. Exit status 0 when everything holds, 1 otherwise.
"""
import json
import os
import re
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def validate_document(doc):
    try:
        from openapi_spec_validator import validate
        validate(doc)
        return "openapi-spec-validator"
    except ImportError:
        meta = json.load(open(os.path.join(HERE, "oas-3.1-schema.json")))
        jsonschema.validators.validator_for(meta)(meta).validate(doc)
        return "jsonschema against the OpenAPI 3.1 meta-schema"


def resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def camel_to_wire(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def server_error_codes(src):
    codes = set()
    for root, _, files in os.walk(src):
        for f in files:
            if f.endswith((".cpp", ".h")):
                text = open(os.path.join(root, f), encoding="utf-8").read()
                codes.update(camel_to_wire(m) for m in re.findall(r"ErrorCode::(\w+)", text))
    return codes


def main(argv):
    doc = json.load(open(argv[1]))
    how = validate_document(doc)
    print(f"document valid ({how}): {len(doc['paths'])} paths, "
          f"{sum(len(v) for v in doc['paths'].values())} operations")
    if len(argv) < 4:
        return 0

    templates = []
    for path in doc["paths"]:
        regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        templates.append((path, re.compile(regex)))
    # A literal segment beats a parameter: /queue/tokens/current before /queue/tokens/{x}.
    templates.sort(key=lambda t: t[0].count("{"))

    schema_root = {"components": doc["components"]}
    validator_cls = jsonschema.validators.validator_for({"$schema": "https://json-schema.org/draft/2020-12/schema"})

    failures = []
    implemented = set()
    succeeded = set()
    codes_seen = set()
    count = 0
    for line_no, line in enumerate(open(argv[2]), 1):
        if not line.strip():
            continue
        x = json.loads(line)
        count += 1
        status = x["status"]
        if status == 0:
            continue  # no answer (a test that closes the connection on purpose)
        body = None
        if x["body"]:
            try:
                body = json.loads(x["body"])
            except ValueError:
                body = None
        code = body.get("error", {}).get("code") if isinstance(body, dict) and isinstance(body.get("error"), dict) else None
        if code:
            codes_seen.add(code)
        where = f"line {line_no}: {x['method']} {x['path']} -> {status}"
        path = next((p for p, r in templates if r.match(x["path"])), None)
        if path is None:
            if status not in (404, 414, 431, 501):
                failures.append(f"{where}: no route of the document has this path")
            continue
        method = x["method"].lower()
        op = doc["paths"][path].get(method)
        if op is None:
            if status not in (405, 501, 404):
                failures.append(f"{where}: the document has no {method.upper()} {path}")
            continue
        unrouted = status == 404 and code == "NOT_FOUND" and "no such route" in x["body"]
        if status == 405 or unrouted:
            continue  # the server does not have this operation (yet)
        implemented.add((path, method))
        if 200 <= status < 300:
            succeeded.add((path, method))
        response = op["responses"].get(str(status)) or op["responses"].get(f"{str(status)[0]}XX")
        if response is None:
            failures.append(f"{where}: status {status} is not among {sorted(op['responses'])} of {method.upper()} {path}")
            continue
        response = resolve(doc, response)
        content = response.get("content", {})
        if "application/json" in content:
            if body is None:
                failures.append(f"{where}: the body is not JSON: {x['body'][:120]!r}")
                continue
            schema = dict(content["application/json"]["schema"], **schema_root)
            errors = list(validator_cls(schema).iter_errors(body))
            if errors:
                e = errors[0]
                failures.append(f"{where}: {e.message} at /{'/'.join(map(str, e.absolute_path))}")

    all_ops = {(p, m) for p, ops in doc["paths"].items() for m in ops
               if m in ("get", "post", "put", "patch", "delete")}
    # An upgrade (101, the queue stream) never passes through the recording HTTP client: its
    # WebSocket exchanges are checked by tst_rooms and tst_observability.
    upgrade_only = {(p, m) for p, ops in doc["paths"].items() for m, op in ops.items()
                    if isinstance(op, dict) and "101" in op.get("responses", {})
                    and not any(c.startswith("2") for c in op["responses"])}
    missing_ops = sorted(implemented - succeeded - upgrade_only)
    not_here = sorted(all_ops - implemented)
    server_codes = server_error_codes(argv[3]) - {"INTERNAL"}
    missing_codes = sorted(server_codes - codes_seen)
    documented_codes = set(resolve(doc, doc["components"]["schemas"]["Error"])["properties"]["error"]["properties"]["code"]["enum"])
    undocumented = sorted(codes_seen - documented_codes)

    print(f"{count} exchanges; {len(implemented)} operations on this server, {len(succeeded)} answered 2xx; "
          f"{len(codes_seen)} error codes seen")
    if not_here:
        print("skipped, not on this server (404 no such route / 405, or never called):")
        for p, m in not_here:
            print(f"  {m.upper()} {p}")
    skipped_codes = sorted(documented_codes - server_codes - codes_seen)
    if skipped_codes:
        print("error codes this server's sources do not use yet (skipped): " + ", ".join(skipped_codes))
    for p, m in missing_ops:
        failures.append(f"{m.upper()} {p} exists on the server but no test got a 2xx answer from it")
    for c in missing_codes:
        failures.append(f"error code {c} is used by the server but no recorded answer carries it")
    for c in undocumented:
        failures.append(f"error code {c} is not in the document")
    for f in failures:
        print("FAIL " + f)
    print("all exchanges match the document" if not failures else f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
