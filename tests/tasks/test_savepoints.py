"""A savepoint released inside a transaction is not a commit.

SQLAlchemy calls its ``after_commit`` hook when a SAVEPOINT is released as well (the document
counters take one); work recorded before it must still wait for the real commit, and go
nowhere if the transaction then rolls back.
"""

from __future__ import annotations

from shop.extensions import db
from tests.faults.conftest import wait_for
from tests.tasks.conftest import WAIT_S
from tests.tasks.test_worker import _queue, _received


def test_work_recorded_before_a_savepoint_leaves_only_with_the_real_commit(
    queue_app, inbox, session
):
    with queue_app.test_request_context():
        _queue("rolled-back@example.org")
        with db.session.begin_nested():  # released: SQLAlchemy says "after_commit"
            pass
        db.session.rollback()  # the real transaction did not commit
        _queue("committed@example.org")
        with db.session.begin_nested():
            pass
        db.session.commit()
        db.session.remove()

    wait_for(_received(inbox, "committed@example.org"), WAIT_S, "the committed mail")
    assert inbox.recipients() == ["committed@example.org"]
