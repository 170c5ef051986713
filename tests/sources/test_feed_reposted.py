"""A feed that posts everything it carries again at every poll, whole text stamped anew, under
new ids and new links (`/news/3/ferry-strike`): each entry is stored and printed once, and the
log says once what the feed does (`run --console`, a real feed server on 127.0.0.1)."""

from tests.sources.feedserver import Item
from tests.sources.process import Running
from tests.sources.stories import BRIDGE, FERRY, LIBRARY
from tests.sources.test_feed_stamped_entry import add_feed, polls, serve, stored_once
from tests.sources.test_run_console import desk  # noqa: F401 (the fixture)

SAID = "posts entries it carried again at new links under new ids"
MORE = ("The county's transport office said it would publish a full list of the changes on its "
        "website by the end of the week, and that its phone line would stay open late for "
        "anyone whose journey to work or school is affected. Councillors are due to discuss "
        "the matter at their next meeting, where residents may put questions in person.")


def posted(server, n: int, story: tuple[str, str], slug: str) -> tuple[Item, str]:
    """The story's entry as the feed writes it at its n-th poll: its whole text stamped, a new
    guid and a new link."""
    text = f"Updated {n + 2} minutes ago.\n\n{story[1]}\n\n{MORE}"
    return Item(f"{slug}-{n}", story[0], text, link=server.url(f"/news/{n}/{slug}")), text


def test_entries_posted_again_at_new_links_are_stored_once_and_said_once(
        server, desk, db_path, processes):  # noqa: F811
    """Before, each poll stored the ferry and bridge entries again."""
    serve(server, [posted(server, 0, BRIDGE, "bridge")])
    add_feed(desk, server)
    running = Running(db_path, verbose=True)
    processes.append(running)
    running.wait_for(f"· no alert for “{BRIDGE[0]}”: background")
    serve(server, [posted(server, 0, BRIDGE, "bridge"), posted(server, 1, FERRY, "ferry")])
    running.wait_for(f"   {FERRY[0]}")
    for n in range(2, 5):
        polled = polls(server)
        serve(server, [posted(server, n, BRIDGE, "bridge"), posted(server, n, FERRY, "ferry")])
        running.wait_until(lambda after=polled: polls(server) > after + 1,
                           what="two polls")
    serve(server, [posted(server, 5, BRIDGE, "bridge"), posted(server, 5, FERRY, "ferry"),
                   posted(server, 5, LIBRARY, "library")])
    stored_once(db_path, running)
    assert sum(SAID in line for line in running.errors) == 1
