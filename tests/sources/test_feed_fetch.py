import socket

import pytest

from bot.ingest.addresses import AddressPolicy
from bot.ingest.fetch import USER_AGENT, Fetcher, FetchError, FetchLimits, proxy_for
from tests.sources.feedserver import LOOPBACK, FeedServer, Route
from tests.sources.test_fetch_security import FakeResolver

FAST = FetchLimits(connect_timeout=2, read_timeout=0.5, total_timeout=1.5, max_bytes=50_000,
                   max_redirects=3)
PATIENT = FetchLimits(connect_timeout=10, read_timeout=10, total_timeout=30, max_bytes=50_000,
                      max_redirects=3)
"""For servers that answer at once: on a loaded machine half a second is not always enough.
``FAST`` is for the tests of a timeout, whose server is slower than it on purpose."""


@pytest.fixture
def fetcher():
    return Fetcher(limits=PATIENT, policy=LOOPBACK)


def test_get_sends_user_agent_and_returns_validators(server, fetcher):
    server.routes["/feed"] = Route(b"<rss/>", etag='"v1"', headers={"Last-Modified": "Mon, 02 Mar 2026 09:00:00 GMT"})
    response = fetcher.get(server.url("/feed"))
    assert response.status == 200 and response.body == b"<rss/>"
    assert response.etag == '"v1"'
    assert response.last_modified == "Mon, 02 Mar 2026 09:00:00 GMT"
    headers = server.requests[-1][1]
    assert headers["User-Agent"] == USER_AGENT
    assert "wirewatch/" in USER_AGENT


def test_conditional_get_answers_not_modified(server, fetcher):
    server.routes["/feed"] = Route(b"<rss/>", etag='"v1"')
    response = fetcher.get(server.url("/feed"), etag='"v1"',
                           last_modified="Mon, 02 Mar 2026 09:00:00 GMT")
    assert response.not_modified and response.body == b""
    headers = server.requests[-1][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Mon, 02 Mar 2026 09:00:00 GMT"


@pytest.mark.parametrize("status, words", [(404, "no feed at this address now"),
                                           (500, "site's side"), (403, "refuses access")])
def test_error_status_says_what_happened_and_what_to_do(server, fetcher, status, words):
    server.routes["/feed"] = Route(b"oops", status=status, content_type="text/plain")
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/feed"))
    assert caught.value.status == status
    assert str(status) in str(caught.value) and words in str(caught.value)


def test_slow_server_times_out(server):
    server.routes["/slow"] = Route(b"<rss/>", delay=1.5)
    with pytest.raises(FetchError, match="timed out"):
        Fetcher(limits=FAST, policy=LOOPBACK).get(server.url("/slow"))


def test_body_trickling_in_is_cut_at_the_total_deadline(server):
    """Each read waits far longer than a drip, even on a loaded machine; only the total ends it."""
    limits = FetchLimits(connect_timeout=10, read_timeout=5, total_timeout=1, max_bytes=50_000,
                         max_redirects=3)
    server.routes["/drip"] = Route(b"x" * 12_800, drip=0.05)
    with pytest.raises(FetchError, match="took longer than"):
        Fetcher(limits=limits, policy=LOOPBACK).get(server.url("/drip"))


def test_huge_declared_body_is_refused_before_reading(server, fetcher):
    server.routes["/huge"] = Route(b"x" * 200_000)
    with pytest.raises(FetchError, match="larger than"):
        fetcher.get(server.url("/huge"))


def test_huge_undeclared_body_is_cut_at_the_cap(server, fetcher):
    server.routes["/huge"] = Route(b"x" * 200_000, declare_length=False)
    with pytest.raises(FetchError, match="larger than"):
        fetcher.get(server.url("/huge"))


def test_compressed_body_is_capped_after_decompression(server, fetcher):
    server.routes["/bomb"] = Route(b"\n" * 5_000_000, gzip=True)
    with pytest.raises(FetchError, match="larger than"):
        fetcher.get(server.url("/bomb"))


def test_redirects_are_followed_a_few_times(server, fetcher):
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(b"<rss/>")
    response = fetcher.get(server.url("/old"))
    assert response.url == server.url("/new") and response.body == b"<rss/>"


def test_redirect_loop_is_refused(server, fetcher):
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(server.url("/a"))
    assert server.hits("/a") == 1 and server.hits("/b") == 1


def test_redirect_chain_longer_than_the_limit_is_refused(server, fetcher):
    for n in range(10):
        server.routes[f"/r{n}"] = Route(status=302, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.get(server.url("/r0"))
    assert server.hits("/r5") == 0


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml",
                                 "gopher://127.0.0.1/", "/etc/passwd", "http:///nohost"])
def test_non_http_addresses_are_refused(fetcher, url):
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetcher.get(url)


def test_redirect_to_a_local_file_is_refused(server, fetcher):
    server.routes["/sneaky"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="refusing to fetch 'file:///etc/passwd'"):
        fetcher.get(server.url("/sneaky"))


def test_closed_port_is_reported_as_cannot_connect(fetcher):
    with pytest.raises(FetchError, match="cannot connect"):
        fetcher.get("http://127.0.0.1:9/feed")


def test_feeds_are_fetched_through_the_configured_proxy(server):
    server.routes["http://wire.example/feed"] = Route(b"<rss/>")
    proxied = Fetcher(limits=PATIENT, policy=LOOPBACK, proxies={"http": "http://editor:s%40fe@" + server.base[7:]})
    response = proxied.get("http://wire.example/feed")
    assert response.body == b"<rss/>"
    path, headers = server.requests[-1]
    assert path == "http://wire.example/feed"
    sent = {name.lower(): value for name, value in headers.items()}
    assert sent["proxy-authorization"] == "Basic ZWRpdG9yOnNAZmU="


def test_proxy_is_skipped_for_no_proxy_hosts_and_this_machine():
    proxies = {"http": "http://proxy.internal:3128", "https": "http://proxy.internal:3128",
               "no": "intranet.example,.desk.example"}
    assert proxy_for("https://wire.example/feed", proxies) == "http://proxy.internal:3128"
    assert proxy_for("http://intranet.example/rss", proxies) is None
    assert proxy_for("http://sport.desk.example/rss", proxies) is None
    assert proxy_for("http://127.0.0.1:8080/rss", proxies) is None
    assert proxy_for("http://localhost/rss", proxies) is None
    assert proxy_for("https://wire.example/feed", {}) is None


@pytest.mark.parametrize("host", ["127.1", "0x7f.1", "2130706433", "017700000001", "[0::1]"])
def test_this_machine_written_as_another_number_is_not_sent_to_the_proxy(host):
    """The resolver reads each as this machine: the proxy would fetch its own loopback."""
    proxies = {"http": "http://proxy.internal:3128"}
    assert proxy_for(f"http://{host}:8080/rss", proxies) is None


def test_an_unreachable_proxy_is_a_clear_error(fetcher):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    broken = Fetcher(limits=FAST, policy=LOOPBACK, proxies={"http": f"http://127.0.0.2:{closed_port}"})
    with pytest.raises(FetchError) as caught:
        broken.get("http://wire.example/feed")
    assert "through the proxy 127.0.0.2" in str(caught.value)
    assert "HTTP_PROXY" in str(caught.value)


@pytest.mark.parametrize("route", [
    Route(b"busy", status=503, content_type="text/plain"),
    Route(b"boom", status=500, content_type="text/plain"),
    Route(b"slow down", status=429, content_type="text/plain"),
    Route(b"<rss/>", delay=1.5),
    Route(b"x" * 6400, drip=0.1),
    Route(b"<html>" + b"x" * 5000, cut=100),
], ids=["503", "500", "429", "timeout", "deadline", "cut-off"])
def test_a_failure_that_may_pass_says_so(server, route):
    """A busy or slow site may answer in a few minutes: callers with a fallback may wait."""
    server.routes["/page"] = route
    with pytest.raises(FetchError) as caught:
        Fetcher(limits=FAST, policy=LOOPBACK).get(server.url("/page"))
    assert caught.value.may_pass, str(caught.value)


def test_a_refused_connection_may_pass(fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get("http://127.0.0.1:9/page")
    assert caught.value.may_pass


@pytest.mark.parametrize("routes, path", [
    ({"/page": Route(b"none", status=404, content_type="text/plain")}, "/page"),
    ({"/page": Route(b"gone", status=410, content_type="text/plain")}, "/page"),
    ({"/page": Route(b"no", status=403, content_type="text/plain")}, "/page"),
    ({"/page": Route(b"x" * 200_000)}, "/page"),
    ({"/a": Route(status=302, headers={"Location": "/b"}),
      "/b": Route(status=302, headers={"Location": "/a"})}, "/a"),
    ({"/page": Route(status=302, headers={"Location": "file:///etc/passwd"})}, "/page"),
    ({"/page": Route(status=302, headers={"Location": "http://[::1"})}, "/page"),
], ids=["404", "410", "403", "too-big", "redirect-loop", "not-http", "not-an-address"])
def test_a_failure_that_will_not_pass_says_so(server, routes, path):
    server.routes.update(routes)
    with pytest.raises(FetchError) as caught:
        Fetcher(limits=PATIENT, policy=LOOPBACK).get(server.url(path))
    assert not caught.value.may_pass, str(caught.value)


def test_an_address_inside_the_network_will_not_pass(server):
    public_only = Fetcher(limits=FAST)
    with pytest.raises(FetchError, match="refusing") as caught:
        public_only.get(server.url("/page"))
    assert not caught.value.may_pass


def _behind(proxies: dict[str, str], name: str, address: str) -> Fetcher:
    """A fetcher with ``proxies`` whose resolver answers ``address`` for ``name``, the one
    address it allows."""
    resolver = FakeResolver({name: [[address]]})
    return Fetcher(limits=PATIENT, proxies=proxies,
                   policy=AddressPolicy.allowing([f"{address}/32"], resolver=resolver))


def test_the_proxy_is_chosen_and_checked_for_the_host_the_fetch_asks(server):
    """``http://A\\@B/`` is asked of host A (urllib3 reads it so, as a browser does); the proxy
    was chosen, and the address checked, for B (``urlsplit``'s host): the proxy was asked for
    an internal address behind a public name, and for its own loopback."""
    proxies = {"http": server.base, "no": "intranet.example"}
    assert proxy_for("http://127.0.0.1:8080\\@wire.example/rss", proxies) is None
    assert proxy_for("http://intranet.example\\@wire.example/rss", proxies) is None
    assert proxy_for("http://wire.example\\@intranet.example/rss", proxies) == server.base
    proxied = _behind(proxies, "wire.example", "127.0.0.1")
    with pytest.raises(FetchError, match="refusing to fetch from 10.0.0.1"):
        proxied.get("http://10.0.0.1\\@wire.example/feed")
    assert server.requests == []


def test_a_no_proxy_name_written_in_its_own_letters_is_not_sent_to_the_proxy(server):
    """The fetch asks the punycode host (``xn--bcher-kva``); a NO_PROXY entry written in its
    own letters (``bücher``) never matched it, so the desk's own site went through the proxy."""
    proxies = {"http": server.base, "no": "Zeitung.BÜCHER.example, .läden.example"}
    assert proxy_for("http://zeitung.bücher.example/rss", proxies) is None
    assert proxy_for("http://www.läden.example/rss", proxies) is None
    assert proxy_for("http://www.bücher.example/rss", proxies) == server.base
    direct = _behind(proxies, "zeitung.xn--bcher-kva.example", "127.0.0.2")
    with FeedServer(host="127.0.0.2") as desk:
        desk.routes["/rss"] = Route(b"<rss>desk</rss>")
        answer = direct.get(f"http://zeitung.bücher.example:{desk.port}/rss")
    assert answer.body == b"<rss>desk</rss>" and server.requests == []


def test_a_no_proxy_entry_with_a_port_matches_that_port_only(server):
    """As curl and requests read ``NO_PROXY``: ``host:port`` goes direct on that port alone (a
    port not written is the scheme's own), an entry without one on any port; an entry with a
    port never matched before, so the desk's own feed on 8080 went through the proxy."""
    proxies = {"http": server.base, "https": server.base,
               "no": "wire.example:8080, 10.0.0.1:3128, .desk.example:8443, secure.example:443,"
                     " [2001:db8::1]:3128, plain.example"}
    assert proxy_for("http://wire.example:8080/feed", proxies) is None
    assert proxy_for("http://wire.example/feed", proxies) == server.base
    assert proxy_for("http://10.0.0.1:3128/rss", proxies) is None
    assert proxy_for("http://10.0.0.1:8080/rss", proxies) == server.base
    assert proxy_for("https://sport.desk.example:8443/rss", proxies) is None
    assert proxy_for("https://sport.desk.example/rss", proxies) == server.base
    assert proxy_for("https://secure.example/rss", proxies) is None
    assert proxy_for("http://secure.example/rss", proxies) == server.base
    assert proxy_for("http://[2001:db8::1]:3128/rss", proxies) is None
    assert proxy_for("http://[2001:db8::1]/rss", proxies) == server.base
    assert proxy_for("http://plain.example:9000/rss", proxies) is None
    with FeedServer(host="127.0.0.2") as desk:
        desk.routes["/rss"] = Route(b"<rss>desk</rss>")
        direct = _behind({**proxies, "no": f"desk.example:{desk.port}"}, "desk.example",
                         "127.0.0.2")
        answer = direct.get(f"http://desk.example:{desk.port}/rss")
    assert answer.body == b"<rss>desk</rss>" and server.requests == []


def test_a_redirect_with_backslashes_goes_where_a_browser_would(server, fetcher):
    """A Location is read as a browser reads it: ``\\\\host/x`` is another host (``urljoin``
    read a path of this one, asked as ``/%5C%5Chost/x``), and ``http://A\\@B/x`` is host A,
    asked for ``/@B/x`` (not ``/%5C@B/x``)."""
    with FeedServer(host="127.0.0.2") as other:
        other.routes["/feed"] = Route(b"<rss>other</rss>")
        server.routes["/hop"] = Route(status=302, headers={
            "Location": f"\\\\127.0.0.2:{other.port}\\feed"})
        server.routes["/same"] = Route(status=302, headers={
            "Location": f"http://127.0.0.1:{server.port}\\@wire.example/feed"})
        server.routes["/@wire.example/feed"] = Route(b"<rss>same</rss>")
        hopped = fetcher.get(server.url("/hop"))
        stayed = fetcher.get(server.url("/same"))
    assert (hopped.url, hopped.body) == (other.url("/feed"), b"<rss>other</rss>")
    assert stayed.body == b"<rss>same</rss>"
    assert stayed.url == f"http://127.0.0.1:{server.port}/@wire.example/feed"


def test_a_no_proxy_cidr_entry_sends_the_addresses_inside_it_direct(caplog):
    """``10.0.0.0/8`` and ``2001:db8::/32`` (which curl and requests take) never matched: an
    address inside went through the proxy. An IP host inside is direct on any port (or the
    entry's port, as a host's entry); a name is not resolved to be matched; a malformed entry
    is said once in the log and the others still read."""
    proxy = "http://proxy.internal:3128"
    proxies = {"http": proxy, "https": proxy,
               "no": "10.0.0.0/8, 2001:db8::/32, 192.168.7.0/24:8080, [fd00::]/8, 10.9.0/33"}
    for inside in ("http://10.20.30.40/rss", "https://10.0.0.1:8443/rss", "http://10.1/rss",
                   "http://[2001:db8:5::9]:3128/rss", "http://192.168.7.9:8080/rss",
                   "http://[fd12::1]/rss"):
        assert proxy_for(inside, proxies) is None, inside
    for outside in ("http://11.0.0.1/rss", "http://[2001:db9::1]/rss",
                    "http://192.168.7.9/rss", "http://10.0.0.8.example/rss"):
        assert proxy_for(outside, proxies) == proxy, outside
    bad = [r.getMessage() for r in caplog.records if "10.9.0/33" in r.getMessage()]
    assert len(bad) == 1 and "NO_PROXY" in bad[0] and "ignored" in bad[0], bad
