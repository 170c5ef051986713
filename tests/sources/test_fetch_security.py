"""Feeds never reach into the newsroom's network, and no peer can hold a fetch for ever.

Real HTTP servers stand in for hosts: one on 127.0.0.1 plays a public site (these tests allow
127.0.0.1/32 explicitly), one on 127.0.0.2 an internal host that must never be asked anything.
A fake resolver maps names to addresses; nothing is monkeypatched.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import Settings
from bot.ingest.addresses import AddressPolicy, AddressRefused
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher, FetchError, FetchLimits
from bot.permissions import Role
from bot.runner import POLL_SLOTS, Runner
from bot.slack.services import Services
from handlers.commands.sources import sources_text
from storage.db import ThreadLocalDb, open_db, transaction
from storage.inbox import pending
from storage.sources import add_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, page, rss
from tests.sources.process import Running, clean_env
from tests.sources.stories import FERRY, LIBRARY
from tests.stopping import LAST_RESORT_S, joined, wait_for

PUBLIC = "127.0.0.1/32"
FAST = FetchLimits(connect_timeout=2, read_timeout=1, total_timeout=3, max_bytes=200_000)
INTERNAL_TARGETS = ["127.0.0.1", "10.1.2.3", "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]",
                    "100.64.1.1", "224.0.0.1", "[fd00::1]", "0.0.0.0", "192.168.1.10",
                    "localhost", "[2002:a9fe:a9fe::1]", "[2002:7f00:1::]", "[fec0::1]",
                    "127.1", "0x7f.1", "2130706433", "017700000001", "0xA9FEA9FE",
                    "169.254.43518", "10.0x10203", "0300.0250.1.012",
                    "10.1.2.3\\@wire.example", "127.0.0.1:80\\@wire.example"]


@pytest.fixture
def internal():
    with FeedServer(host="127.0.0.2") as running:
        running.routes["/secret"] = Route(b"<rss><channel><title>credentials</title></channel>"
                                          b"</rss>")
        yield running


class FakeResolver:
    """Names to addresses, as a DNS server would answer; ``answers`` may rotate per call."""

    def __init__(self, names: dict[str, list[list[str]]]) -> None:
        self.names = names
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        answers = self.names.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers[min(self.calls.count(host), len(answers)) - 1]


def fetcher_with(names: dict[str, list[list[str]]], *, allow: tuple[str, ...] = (PUBLIC,),
                 limits: FetchLimits = FAST) -> tuple[Fetcher, FakeResolver]:
    resolver = FakeResolver(names)
    return Fetcher(limits=limits, proxies={},
                   policy=AddressPolicy.allowing(allow, resolver=resolver)), resolver


@pytest.mark.parametrize("host", INTERNAL_TARGETS)
def test_internal_addresses_are_refused_when_added_from_slack_or_the_cli(db_path, host):
    url = f"http://{host}:8080/feed"
    svc = Services(store=ThreadLocalDb(db_path), settings=Settings(db_path=db_path))
    answer = sources_text(svc, f"add {url}", {"role": Role.ADMIN})
    assert "refusing to fetch" in answer and "Nothing was added" in answer
    cli_answer = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add", url])
    assert cli_answer.exit_code == 1 and "--allow-private" in cli_answer.output
    assert open_db(db_path)["sources"].count == 0
    allowed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add", url,
                                       "--allow-private", "--no-check"])
    assert allowed.exit_code == 0, allowed.output
    assert source_row(open_db(db_path), 1).allow_private == 1


@pytest.mark.parametrize("name, address", [("intranet.newsroom.test", "127.0.0.2"),
                                           ("metadata.google.internal", "169.254.169.254"),
                                           ("cgnat.newsroom.test", "100.64.0.9"),
                                           ("v6.newsroom.test", "fd12::7"),
                                           ("6to4.newsroom.test", "2002:a9fe:a9fe::1"),
                                           ("site.newsroom.test", "fec0::7")])
def test_a_name_resolving_inside_the_network_is_never_requested(internal, name, address):
    fetcher, _ = fetcher_with({name: [[address]]})
    with pytest.raises(FetchError, match="refusing to fetch"):
        fetcher.get(f"http://{name}:{internal.port}/secret")
    assert internal.requests == []


def test_a_nat64_address_is_judged_by_the_ipv4_address_it_carries():
    """On an IPv6-only network, DNS64 answers 64:ff9b::/96 for every IPv4-only site: all were
    refused as "reserved", so no IPv4-only feed could be polled there; an internal one carried
    so must stay refused."""
    policy = AddressPolicy()
    policy.check("wire.example", "64:ff9b::5db8:d822")  # carries 93.184.216.34
    for carried in ("169.254.169.254", "10.0.0.1", "127.0.0.1"):
        address = str(ipaddress.IPv6Address(int(ipaddress.ip_address("64:ff9b::"))
                                            + int(ipaddress.ip_address(carried))))
        with pytest.raises(AddressRefused, match=f"NAT64 IPv6 .carrying the .* {carried}"):
            policy.check("intranet.example", address)


def test_one_internal_answer_among_public_ones_refuses_the_name(server, internal):
    fetcher, _ = fetcher_with({"mixed.example": [["127.0.0.1", "127.0.0.2"]]})
    server.routes["/feed"] = Route(rss([Item("1", *FERRY)]))
    with pytest.raises(FetchError, match=r"mixed.example \(127.0.0.2\)"):
        fetcher.get(f"http://mixed.example:{server.port}/feed")
    assert server.requests == [] and internal.requests == []


def test_redirects_into_the_network_are_refused_at_every_hop(server, internal):
    fetcher, _ = fetcher_with({"wire.example": [["127.0.0.1"]],
                               "intranet.newsroom.test": [["127.0.0.2"]]})
    for n, target in enumerate([internal.url("/secret"),
                                f"http://intranet.newsroom.test:{internal.port}/secret"]):
        server.routes[f"/go{n}"] = Route(status=302, headers={"Location": target})
        with pytest.raises(FetchError, match="refusing to fetch"):
            fetcher.get(f"http://wire.example:{server.port}/go{n}")
    assert server.hits("/go0") == server.hits("/go1") == 1 and internal.requests == []


def test_dns_rebinding_cannot_switch_the_address_after_the_check(server, internal):
    """The name answers a public address first and an internal one after: wirewatch resolves
    once per connection and connects to the address it checked."""
    server.routes["/feed"] = Route(rss([Item("1", *FERRY)]))
    internal.routes["/feed"] = Route(b"internal")
    fetcher, resolver = fetcher_with({"rebind.example": [["127.0.0.1"], ["127.0.0.2"]]})
    assert b"<rss" in fetcher.get(f"http://rebind.example:{server.port}/feed").body
    assert resolver.calls == ["rebind.example"] and internal.requests == []
    with pytest.raises(FetchError, match="refusing"):
        fresh, _ = fetcher_with({"rebind.example": [["127.0.0.2"]]})
        fresh.get(f"http://rebind.example:{internal.port}/feed")
    assert internal.requests == []


def test_an_entry_link_into_the_network_is_not_fetched(server, internal, fresh_db):
    teaser = Item("1", FERRY[0], FERRY[1][:300], link=internal.url("/secret"), published=at(1),
                  full=False)
    server.routes["/feed"] = Route(rss([teaser]))
    with transaction(fresh_db):
        source = source_row(fresh_db, add_source(fresh_db, kind="feed",
                                                 location=server.url("/feed")))
    fetcher, _ = fetcher_with({})
    result = poll_feed(fresh_db, source, fetcher=fetcher, now=datetime.now(UTC))
    assert result.queued == 1 and internal.requests == []
    [queued] = [row.article for row in pending(fresh_db, limit=5)]
    assert queued.text.startswith(FERRY[1][:100]) and "credentials" not in queued.text


def test_allow_networks_and_allow_private_let_an_internal_feed_through(internal, fresh_db):
    internal.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    named, _ = fetcher_with({"wire.intranet": [["127.0.0.2"]]}, allow=("127.0.0.2/32",))
    assert b"<rss" in named.get(f"http://wire.intranet:{internal.port}/feed").body
    with transaction(fresh_db):
        source = source_row(fresh_db, add_source(fresh_db, kind="feed", allow_private=True,
                                                 location=internal.url("/feed")))
    closed, _ = fetcher_with({})
    assert poll_feed(fresh_db, source, fetcher=closed, now=datetime.now(UTC)).queued == 1


def test_an_allowed_internal_feed_leads_to_no_other_internal_host(internal, fresh_db):
    """``--allow-private`` trusts the feed's own host, not every link its entries carry: an
    intranet relay republishing outside feeds passes their links on, and a link to the cloud
    metadata service or another internal host was fetched, its page stored as the article."""
    with FeedServer(host="127.0.0.3") as elsewhere:
        elsewhere.routes["/secret"] = Route(page(LIBRARY[0], LIBRARY[1]),
                                            content_type="text/html")
        internal.routes["/story"] = Route(page(*FERRY), content_type="text/html")
        internal.routes["/feed"] = Route(rss([
            Item("1", FERRY[0], FERRY[1][:300], link=internal.url("/story"), published=at(1),
                 full=False),
            Item("2", LIBRARY[0], LIBRARY[1][:300], link=elsewhere.url("/secret"),
                 published=at(2), full=False)]))
        with transaction(fresh_db):
            source = source_row(fresh_db, add_source(fresh_db, kind="feed", allow_private=True,
                                                     location=internal.url("/feed")))
        fetcher, _ = fetcher_with({})
        result = poll_feed(fresh_db, source, fetcher=fetcher, now=datetime.now(UTC))
        assert elsewhere.requests == []
    assert result.queued == 2 and [p for p, _ in internal.requests] == ["/feed", "/story"]
    texts = {row.article.title: row.article.text for row in pending(fresh_db, limit=5)}
    assert texts[FERRY[0]].startswith(FERRY[1][:100]) and len(texts[FERRY[0]]) > 300
    assert texts[LIBRARY[0]] == LIBRARY[1][:300].strip()


class DripServer:
    """Answers every request with one header byte at a time, ``every`` seconds apart, for
    ever: the peer that used to hold a fetch (and a scheduler thread) indefinitely."""

    def __init__(self, every: float = 0.3) -> None:
        self.every = every
        self.connections = 0
        self._stop = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1])

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._threads.append(threading.Thread(target=self._drip, args=(conn,), daemon=True))
            self._threads[-1].start()

    def _drip(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 100_000
        try:
            for byte in head:
                if self._stop.wait(self.every):
                    break
                conn.sendall(bytes([byte]))
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        """Told to stop, then waited for: no drip outlives its test."""
        self._stop.set()
        joined(self._threads[0])
        self._sock.close()
        for thread in self._threads[1:]:
            joined(thread)


@pytest.fixture
def drip():
    server = DripServer()
    yield server
    server.close()


def test_dripping_headers_are_cut_off_by_the_total_deadline(drip):
    fetcher = Fetcher(limits=FAST, proxies={}, policy=AddressPolicy.allowing([PUBLIC]))
    failures: list[str] = []
    worker = threading.Thread(target=lambda: _fail_into(fetcher, drip.port, failures))
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "a dripping server held the fetch past its total deadline"
    assert "took longer than 3 s" in failures[0]


def _fail_into(fetcher: Fetcher, port: int, failures: list[str]) -> None:
    try:
        fetcher.get(f"http://127.0.0.1:{port}/feed")
    except FetchError as exc:
        failures.append(str(exc))


def test_close_cuts_off_fetches_in_flight(drip):
    slow = FetchLimits(connect_timeout=2, read_timeout=30, total_timeout=600)
    fetcher = Fetcher(limits=slow, proxies={}, policy=AddressPolicy.allowing([PUBLIC]))
    failures: list[str] = []
    worker = threading.Thread(target=lambda: _fail_into(fetcher, drip.port, failures))
    worker.start()
    wait_for(lambda: drip.connections)
    fetcher.close()
    worker.join(LAST_RESORT_S)
    assert not worker.is_alive() and "shutting down" in failures[0]


class CountingSlack:
    """Stands in for the Slack runtime: counts how often the scheduler lets delivery run."""

    port = 0

    def __init__(self) -> None:
        self.deliveries = 0

    def start(self) -> None: ...
    def stop(self, timeout: float) -> None: ...

    def finish(self, timeout: float) -> list[str]:
        return []

    def deliver_pending(self) -> int:
        self.deliveries += 1
        return 0

    def send_due_digests(self, *, now: datetime) -> int:
        return 0

    def check_instances(self) -> None: ...

    def when_answering(self, call) -> None: ...

    def check_accounts(self) -> None: ...


def test_slow_feeds_never_starve_alert_delivery(drip, settings, nlp):
    """Twenty-five feeds that never finish answering, on a scheduler of twenty threads."""
    slack = CountingSlack()
    runner = Runner(settings.with_overrides(allow_networks=(PUBLIC,), fetch_timeout=600.0),
                    nlp=nlp, slack_factory=lambda routes: slack)
    db = runner.dbs.get()
    with transaction(db):
        for n in range(25):
            add_source(db, kind="feed", location=f"http://127.0.0.1:{drip.port}/f{n}", every=5)
    runner.start()
    try:
        wait_for(lambda: drip.connections >= POLL_SLOTS, what="every poll slot held")
        before = slack.deliveries
        wait_for(lambda: slack.deliveries >= before + 4,
                 what="alert delivery, stopped while feeds were slow")
    finally:
        runner.stop()


def test_sigterm_cuts_off_the_feeds_dripping_in_flight(drip, db_path, processes):
    """A stop that waited for its fetches would outlast a deploy's grace (compose kills after
    10 s): here they could run twice the test's last-resort wait, so only cutting them off at
    once, not a fast machine, lets the run exit."""
    db = open_db(db_path)
    with transaction(db):
        for n in range(5):
            add_source(db, kind="feed", location=f"http://127.0.0.1:{drip.port}/f{n}", every=5)
    running = Running(db_path, env=clean_env(PYTHONUNBUFFERED="1", WIREWATCH_ALLOW_NETWORKS=PUBLIC,
                                             WIREWATCH_FETCH_TIMEOUT=str(2 * LAST_RESORT_S)))
    processes.append(running)
    running.wait_until(lambda: drip.connections >= 5, what="five polls in flight")
    assert running.terminate() == 0


def test_behind_a_proxy_a_name_resolving_inside_is_still_refused(server):
    """The proxy (the operator's, on 127.0.0.1) connects; wirewatch still refuses a name that
    resolves inside the network here, and leaves names it cannot resolve to the proxy."""
    server.routes["http://wire.example/feed"] = Route(b"<rss/>")
    resolver = FakeResolver({"intranet.newsroom.test": [["10.0.0.7"]]})
    proxied = Fetcher(limits=FAST, proxies={"http": server.base},
                      policy=AddressPolicy.allowing([], resolver=resolver))
    with pytest.raises(FetchError, match=r"intranet.newsroom.test \(10.0.0.7\)"):
        proxied.get("http://intranet.newsroom.test/secret")
    assert server.requests == []
    assert proxied.get("http://wire.example/feed").body == b"<rss/>"
