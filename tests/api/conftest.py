"""API fixtures: the wholesale partners and packs of tests/wholesale, and keys made the way a
partner admin makes them (shop.api.keys.create_key)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from shop.accounts.models import User
from shop.api import keys
from shop.extensions import db
from tests.wholesale.conftest import Partners, Wholesale, partners, wholesale  # noqa: F401

ALL_SCOPES = ["catalogue:read", "orders:write"]


def admin_of(partner) -> User:
    return next(m.user for m in partner.members if m.is_partner_admin)


def make_key(partner, scopes=ALL_SCOPES, name="Stock software") -> str:
    new = keys.create_key(partner, admin_of(partner), name, list(scopes))
    db.session.commit()
    return new.token


def bearer(token: str, **headers) -> dict:
    return {"Authorization": f"Bearer {token}", **headers}


@dataclass
class ApiWorld:
    partners: Partners
    wholesale: Wholesale
    key_a: str  # partner A, every scope
    key_b: str  # partner B, every scope

    @property
    def sachets(self):
        return self.wholesale.sachets


@pytest.fixture
def world(partners, wholesale) -> ApiWorld:  # noqa: F811
    return ApiWorld(partners, wholesale, make_key(partners.a), make_key(partners.b))


def lookup(model, **where):
    db.session.expire_all()
    return db.session.scalars(select(model).filter_by(**where)).all()
