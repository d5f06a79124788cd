"""The one HTTP client of `load`: pages, feeds and the entry pages of feeds all come through `fetch`.

Only http and https. One total deadline per URL (connection, redirects, headers and body: a server
that trickles a byte every few seconds is cut at the deadline, not at each read), a size cap, and
redirects followed here, so that each hop is checked like the first. A chain that began at a
public address may not reach a loopback, private, link-local or otherwise non-global one, unless
the user allows it: a public feed must not turn `load` into a probe of the user's own network.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from tracker.errors import InputError

DEADLINE_SECONDS = 20.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "tracker/0.1 (+news timeline tool)"
REDIRECTS = (301, 302, 303, 307, 308)
TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/rss",
    "application/atom",
    "application/json",
    "application/rdf",
)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    deadline: float = DEADLINE_SECONDS  # seconds for the whole of one URL, redirects included
    allow_private: bool = False  # `load --allow-private`: public pages may lead to private addresses


@dataclass(frozen=True)
class Fetched:
    data: bytes
    url: str  # where the redirects ended
    may_reach_private: bool  # whether links found in it may lead to non-public addresses


def is_public_address(address: IPAddress) -> bool:
    """A globally routable unicast address (the seam tests patch to play a public server on 127.0.0.1)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback, whatever its spelling
    return address.is_global and not address.is_multicast


def fetch(url: str, policy: FetchPolicy, may_reach_private: bool | None = None) -> Fetched:
    """The body of an http(s) URL, following up to MAX_REDIRECTS redirects, within one deadline.

    `may_reach_private` None: the user named this URL, so it may reach private addresses when it
    is one itself (a local feed is theirs to load, with its entries)."""
    deadline = time.monotonic() + policy.deadline
    for _ in range(MAX_REDIRECTS + 1):
        target = _Target.parse(url)
        addresses = target.resolve()
        if may_reach_private is None:
            may_reach_private = policy.allow_private or not all(map(is_public_address, addresses))
        if not may_reach_private:
            for address in addresses:
                if not is_public_address(address):
                    raise InputError(
                        f"refused {url}: {address} is not a public address (load --allow-private fetches it)"
                    )
        status, location, data = _exchange(target, addresses, deadline, policy.deadline)
        if status in REDIRECTS:
            if not location:
                raise InputError(f"HTTP {status} redirect without a Location")
            url = urllib.parse.urljoin(url, location)
            continue
        return Fetched(data, url, may_reach_private)
    raise InputError("too many redirects")


@dataclass(frozen=True)
class _Target:
    url: str
    https: bool
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> _Target:
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise InputError(f"refused {url}: only http and https URLs are fetched")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise InputError(f"bad port in {url}") from None
        if not parts.hostname:
            raise InputError(f"no host in {url}")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return cls(url, scheme == "https", parts.hostname, port, path)

    def resolve(self) -> list[IPAddress]:
        try:
            found = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise InputError(f"cannot fetch: cannot resolve {self.host} ({exc})") from None
        # the scope of a link-local IPv6 address ("fe80::1%eth0") is not part of the address
        return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found))


def _exchange(
    target: _Target, addresses: list[IPAddress], deadline: float, seconds: float
) -> tuple[int, str | None, bytes]:
    """One request to one of the addresses checked (never a second DNS answer): status, Location, body."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise InputError(f"timed out after {seconds:g} s")
    connection: http.client.HTTPConnection
    if target.https:
        connection = http.client.HTTPSConnection(
            target.host, target.port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=remaining)
    opened: list[socket.socket] = []  # held here: http.client hands the socket to the response
    connection._create_connection = _pinned(addresses, opened)  # type: ignore[attr-defined]
    expired = threading.Event()

    def expire() -> None:
        # a read blocked on a trickling server returns at once when its socket is shut down
        expired.set()
        for sock in opened:
            with contextlib.suppress(OSError):  # closed already
                sock.shutdown(socket.SHUT_RDWR)

    response: http.client.HTTPResponse | None = None
    timer = threading.Timer(remaining, expire)
    timer.daemon = True
    timer.start()
    try:
        connection.request("GET", target.path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        response = connection.getresponse()
        if response.status in REDIRECTS:
            return response.status, response.getheader("Location"), b""
        if not 200 <= response.status < 300:
            raise InputError(f"HTTP {response.status} {response.reason}")
        data = _body(response)
        if expired.is_set():  # the socket was shut down under the read: what came is not all
            raise InputError(f"timed out after {seconds:g} s")
        if response.length:  # http.client's read1 returns a short body without complaint
            raise InputError("cannot fetch: the connection closed before the end of the response")
        return response.status, None, data
    except InputError:
        raise
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError):
            raise InputError(f"timed out after {seconds:g} s") from None
        if isinstance(exc, ConnectionRefusedError):
            raise InputError("cannot fetch: connection refused") from None
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        raise InputError(f"cannot fetch: {reason}") from None
    finally:
        timer.cancel()
        if response is not None:
            response.close()
        connection.close()


def _body(response: http.client.HTTPResponse) -> bytes:
    kind = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if kind and not kind.startswith(TEXT_TYPES):
        raise InputError(f"not an article: content type {kind}")
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > MAX_BYTES:
        raise InputError(f"response is {int(length) / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read1(1 << 16):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_BYTES:
            raise InputError(f"response is over the {MAX_BYTES // 2**20} MB limit")
    return b"".join(chunks)


def _pinned(addresses: list[IPAddress], opened: list[socket.socket]) -> Callable[..., socket.socket]:
    """http.client's connect, to the addresses that were checked: a second lookup could answer
    another address (DNS rebinding). TLS still verifies the certificate against the host name."""

    def connect(
        address: tuple[str, int], timeout: float | None = None, source_address: tuple[str, int] | None = None
    ) -> socket.socket:
        problem: OSError | None = None
        for ip in addresses:
            try:
                opened.append(socket.create_connection((str(ip), address[1]), timeout, source_address))
                return opened[-1]
            except OSError as exc:
                problem = exc
        raise problem or OSError("no address")

    return connect
