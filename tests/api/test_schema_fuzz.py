"""schemathesis against the app through WSGI, from the served /api/v1/openapi.json, with a real
partner key on a database with wholesale packs: no server error and every answer as the document
says (status, media type, headers, body schema), on SQLite and PostgreSQL.

Bounded: a few examples per operation, derandomised, so the whole file takes seconds."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import bearer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


EXAMPLES_PER_OPERATION = 15


def test_the_api_answers_as_documented(app, world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {
        "GET /api/v1/products",
        "GET /api/v1/products/{sku}",
        "POST /api/v1/orders",
        "GET /api/v1/orders",
        "GET /api/v1/orders/{number}",
        "GET /api/v1/statement",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case):
            # identity: the WSGI transport hands over the body as sent, undecoded
            headers = bearer(world.key_a, **{"Accept-Encoding": "identity"})
            case.call_and_validate(headers=headers, checks=CHECKS)

        answers_as_documented()
