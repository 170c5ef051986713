"""What each outbox state tells a reader of its story (``storage.alerts.told_of``): sent, or in
flight (its post may be in Slack; the outbox finds it or posts it once), tells; waiting
(nothing of it in Slack yet, and a channel refusing it fails it for good), failed, muted or
withdrawn does not. A real SQLite file; stories built through the storage functions."""

from __future__ import annotations

import pytest

from storage.alerts import told_of
from tests.storage.test_fold_chains import three_stories
from tests.storage.test_told_of import alert

TELLS = {"sent": True, "sending": True, "pending": False, "failed": False, "muted": False,
         "withdrawn": False}


@pytest.mark.parametrize("status", sorted(TELLS))
def test_each_outbox_state_tells_or_not(fresh_db, status):
    (dam, _, _), articles = three_stories(fresh_db)
    alert(fresh_db, dam, articles[0], "C1", status)
    assert told_of(fresh_db, dam, "C1") is TELLS[status]
