"""SSRF guard: URLs a key gives the server (webhook targets, a connector's storage endpoint)
must not make the server talk to its own network.

A host is resolved and every address it resolves to must be public: loopback, private
(RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10), multicast, unspecified, shared
(100.64/10), reserved and documentation ranges are refused, and the cloud metadata addresses
by name (169.254.169.254, fd00:ec2::254, 100.100.100.200) whatever else is allowed. IPv4
addresses wrapped in IPv6 (``::ffff:a.b.c.d``, NAT64 ``64:ff9b::a.b.c.d``, 6to4) are judged by
the IPv4 address inside. The operator may allow internal hosts (``flexorch serve
--allow-private-urls``: tests on loopback, a private network): then nothing is looked up and
only a literal metadata address is still refused.

Webhook deliveries resolve again at send time and connect to the address they checked
(``pinned_url``), so a name that re-resolves to an internal address after registration (DNS
rebinding) is refused too.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Optional
from urllib.parse import urlsplit, urlunsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack ...
    "fd00:ec2::254",  # AWS IMDS over IPv6
    "100.100.100.200",  # Alibaba Cloud
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UrlNotAllowed(ValueError):
    """The URL's host is internal, or cannot be resolved (the API code URL_NOT_ALLOWED)."""


class UnresolvedHost(UrlNotAllowed):
    """The host does not resolve (now): refused at registration, retried at delivery."""


def _inner_v4(address: Address) -> Address:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if address.sixtofour is not None:
            return address.sixtofour
    return address


def refusal(address: Address, allow_private: bool = False) -> Optional[str]:
    """Why this address may not be reached (None: it may)."""
    if address in METADATA or _inner_v4(address) in METADATA:
        return "a cloud metadata address"
    if allow_private:
        return None
    inner = _inner_v4(address)
    for candidate in (inner, address) if inner != address else (address,):
        for name in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
            if getattr(candidate, f"is_{name}"):
                return f"a {name.replace('_', '-')} address"
        if not candidate.is_global:
            return "not a public address"
    return None


def resolve(host: str, port: int) -> list[Address]:
    """Every address of ``host`` (a literal address is itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise UnresolvedHost(f"the host {host!r} does not resolve") from None
    seen: list[Address] = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address not in seen:
            seen.append(address)
    if not seen:
        raise UnresolvedHost(f"the host {host!r} does not resolve")
    return seen


def check_url(url: str, allow_private: bool = False, what: str = "url") -> list[Address]:
    """The addresses of the URL's host, all allowed; UrlNotAllowed otherwise."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise UrlNotAllowed(f"{what} has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UrlNotAllowed(f"{what} has a bad port") from None
    if allow_private:  # the operator allows internal hosts: no lookup, only a literal
        literal = _literal(host)  # metadata address is still refused
        if literal is not None and refusal(literal, allow_private=True):
            raise UrlNotAllowed(f"{what} points at a cloud metadata address ({host})")
        return []
    addresses = resolve(host, port)
    for address in addresses:
        reason = refusal(address, allow_private)
        if reason:
            raise UrlNotAllowed(f"{what} points at {reason} ({host}); this server does not call "
                                "internal hosts (flexorch serve --allow-private-urls)")
    return addresses


def _literal(host: str) -> Optional[Address]:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def pinned_url(url: str, address: Address) -> tuple[str, str, str]:
    """(the URL with its host replaced by ``address``, the Host header, the TLS server name):
    a request to that URL with those goes to the host as checked, whatever DNS says next."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    literal = f"[{address}]" if address.version == 6 else str(address)
    name = parts.hostname or ""
    host_header = (f"[{name}]" if ":" in name else name) + port
    return urlunsplit((parts.scheme, literal + port, parts.path or "/", parts.query, "")), host_header, name
