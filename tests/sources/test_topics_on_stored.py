"""A topic added from Slack in a running `wirewatch run` matches the stories already stored
(a newcomer's report: `/topics show` said 'No stories yet' where the CLI listed the story)."""


from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.sources import add_source
from storage.topics import recent_stories
from tests.fakes.signing import REPORTER
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import run_command
from tests.slack.test_slack_first_run import Running as Listening
from tests.sources.feedserver import LOOPBACK_NETWORK, Item, Route, at, rss
from tests.sources.process import slack_run
from tests.sources.stories import FERRY

FERRY_TALKS = ("Tarnby ferry talks end without a deal",
               "Talks between Tarnby Sound Lines and the ferry crews on the Tarnby crossing "
               "ended without a deal on Wednesday evening, and the crews said they would stay "
               "out until the weekend.\n\n"
               "\"They listened, but they offered nothing,\" said union organiser Maren "
               "Solberg after the meeting.\n\n"
               "Tarnby Sound Lines said it was disappointed and would keep the buses on the "
               "coast road for commuters.")


def test_a_topic_added_from_slack_matches_a_story_by_an_earlier_article(server, db_path,
                                                                        processes):
    """The story's latest article does not name the topic's word; its first one does. A
    topic added before the run (`wirewatch topics add`) got the story from its first article;
    one added from Slack afterwards was matched on the latest article alone and got none."""
    db = open_db(db_path)
    with transaction(db):
        before = add_topic(db, name="Rotas", query="rota")
        add_source(db, kind="feed", location=server.url("/feed"), every=5)
    server.routes["/feed"] = Route(rss([Item("2", *FERRY_TALKS, published=at(60)),
                                        Item("1", *FERRY, published=at(1))]))
    with FakeSlack() as fake:
        running = slack_run(db_path, fake, processes, WIREWATCH_ADMINS=REPORTER,
                            WIREWATCH_ALLOW_NETWORKS=LOOPBACK_NETWORK)
        running.wait_for("ingest endpoint:")
        slack = Listening(running.slack_port)
        running.wait_for(f"no alert for “{FERRY_TALKS[0]}”")
        assert db.execute("SELECT count(*) FROM stories").fetchone()[0] == 1
        added = run_command(slack, fake, "/topics", "add “Rota changes” rota")["text"]
        shown = run_command(slack, fake, "/topics", "show “Rota changes”")["text"]
        assert running.terminate() == 0
    assert added.startswith("Tracking *Rota changes*: `rota`. It already matches 1 running "
                            "story. Subscribe this channel with")
    assert [s.id for s in recent_stories(db, before)] == [1]
    assert "*Recent stories*\n• Ferry crews in Tarnby walk out over rota changes (2 articles" \
        in shown, shown
