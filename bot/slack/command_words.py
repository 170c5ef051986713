"""The commands the desk is told to type, written once so help, usages and hints agree."""

from __future__ import annotations

from bot.permissions import Action, Role, may

ADD_TOPIC = "`/topics add NAME [QUERY]`"
"""What `/topics add` accepts: the query defaults to the name (alone, it opens the form)."""


def notify_whom(role: Role) -> str:
    """Whom `/subscribe … notify` names: people, and user groups for whoever may set them."""
    return "@person @group" if may(role, Action.NOTIFY_GROUPS) else "@person"
