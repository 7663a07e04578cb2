"""Storage connectors: where scheduled corpus builds read documents from (S3, GCS, Azure Blob,
or a local folder), reached through fsspec like every ``flexorch run`` input.

A connector is a type and a config. The config's credentials are kept apart from the rest:
responses carry only the public part (bucket, region, prefix ...), never a secret. A local
connector may only name a folder under one of the server's allowed roots (by default
``<data-dir>/sources``), so an API key cannot make the server read arbitrary paths.
"""
from __future__ import annotations

import json
import os
import posixpath
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

import fsspec

TYPES = ("s3", "gcs", "azure_blob", "local")
# Per type: the fields a config may hold, which of them are secret, and which are required.
_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "s3": {
        "public": ("bucket", "prefix", "region", "endpoint_url"),
        "secret": ("access_key_id", "secret_access_key", "session_token"),
        "required": ("bucket",),
    },
    "gcs": {
        "public": ("bucket", "prefix", "project", "endpoint_url"),
        "secret": ("credentials_json",),
        "required": ("bucket",),
    },
    "azure_blob": {
        "public": ("container", "prefix", "account_name"),
        "secret": ("account_key", "connection_string", "sas_token"),
        "required": ("container",),
    },
    "local": {"public": ("path",), "secret": (), "required": ("path",)},
}
MAX_LISTED = 100_000  # one sync takes at most this many files


class ConnectorError(ValueError):
    """A config the server cannot use (message names the field, never its value)."""


@dataclass(frozen=True)
class Target:
    """Where a connector's documents are: an fsspec URL + the options to open it."""
    type: str
    url: str  # the root, e.g. s3://bucket/prefix (no trailing slash)
    storage_options: dict[str, Any]

    def filesystem(self, quick: bool = False) -> fsspec.AbstractFileSystem:
        """``quick``: fail fast (a connection test answers an HTTP request; botocore's
        default retries take ~20 s against an unreachable endpoint)."""
        protocol = {"s3": "s3", "gcs": "gs", "azure_blob": "az", "local": "file"}[self.type]
        options = dict(self.storage_options)
        if quick and self.type == "s3":
            options.update(config_kwargs={"connect_timeout": 5, "read_timeout": 10,
                                                     "retries": {"max_attempts": 1}})
        return fsspec.filesystem(protocol, skip_instance_cache=True, **options)

    def root_path(self) -> str:
        """The root as the filesystem names it (no scheme)."""
        return self.url.split("://", 1)[1] if "://" in self.url else self.url


def split_config(type_: str, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check a config and split it into (public, secret); ConnectorError when it is unusable."""
    if type_ not in TYPES:
        raise ConnectorError(f"unknown connector type {type_!r} (one of {', '.join(TYPES)})")
    if not isinstance(config, dict):
        raise ConnectorError("config must be an object")
    fields = _FIELDS[type_]
    known = set(fields["public"]) | set(fields["secret"])
    unknown = sorted(set(config) - known)
    if unknown:
        raise ConnectorError(f"unknown config field(s) for {type_}: {', '.join(unknown)}")
    for name in fields["required"]:
        if not str(config.get(name) or "").strip():
            raise ConnectorError(f"config.{name} is required for a {type_} connector")
    for name, value in config.items():
        allowed = (str, dict) if name == "credentials_json" else (str,)
        if value is not None and not isinstance(value, allowed):
            raise ConnectorError(f"config.{name} must be a string")
        if name == "credentials_json" and isinstance(value, str):
            try:
                json.loads(value)
            except ValueError:
                raise ConnectorError("config.credentials_json is not JSON") from None
    bucket = str(config.get("bucket") or config.get("container") or "")
    if bucket and ("/" in bucket or bucket.strip() != bucket):
        raise ConnectorError("the bucket/container name must be a bare name (use prefix for a folder)")
    public = {k: config[k] for k in fields["public"] if config.get(k) not in (None, "")}
    secret = {k: config[k] for k in fields["secret"] if config.get(k) not in (None, "")}
    return public, secret


def allowed_local_roots(data_dir: Path, extra: Iterable[str] = ()) -> tuple[Path, ...]:
    """``<data-dir>/sources`` plus the roots the operator allows (FLEXORCH_CONNECTOR_ROOTS,
    os.pathsep-separated, or the server setting)."""
    roots = [Path(data_dir) / "sources", *map(Path, extra)]
    roots += [Path(p) for p in os.environ.get("FLEXORCH_CONNECTOR_ROOTS", "").split(os.pathsep) if p]
    return tuple(r.resolve() for r in roots)


def given(values: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """``{new: value}`` for each ``old -> new`` in ``names`` whose value in ``values`` is
    set: a connector's config keys as a client's options or environment variables."""
    return {new: values[old] for old, new in names.items() if values.get(old)}


def endpoint_urls(type_: str, public: dict[str, Any], secret: dict[str, Any]) -> list[str]:
    """The storage endpoints a config overrides (s3/gcs ``endpoint_url``, an Azure connection
    string's ``BlobEndpoint`` or development storage): the URLs the SSRF guard checks."""
    urls = [str(public["endpoint_url"])] if public.get("endpoint_url") else []
    if type_ == "azure_blob" and secret.get("connection_string"):
        parts = dict(item.split("=", 1) for item in str(secret["connection_string"]).split(";")
                     if "=" in item)
        parts = {k.strip().lower(): v.strip() for k, v in parts.items()}
        if parts.get("usedevelopmentstorage", "").lower() == "true":
            urls.append(parts.get("developmentstorageproxyuri") or "http://127.0.0.1:10000")
        urls += [parts[k] for k in ("blobendpoint", "dfsendpoint") if parts.get(k)]
    return urls


def check_endpoints(type_: str, public: dict[str, Any], secret: dict[str, Any],
                    allow_private: bool = False) -> None:
    """urlguard.UrlNotAllowed when an endpoint override names an internal host."""
    from flexorch_beam.server import urlguard

    for url in endpoint_urls(type_, public, secret):
        if "://" not in url:
            raise ConnectorError("an endpoint must be an http(s) URL")
        urlguard.check_url(url, allow_private, "the connector's endpoint")


def target(type_: str, public: dict[str, Any], secret: dict[str, Any],
           local_roots: Iterable[Path] = (), allow_private: bool = False) -> Target:
    """The fsspec URL and options of a checked config. Endpoint overrides are checked against
    internal hosts at every call (so at every use): urlguard.UrlNotAllowed."""
    check_endpoints(type_, public, secret, allow_private)
    prefix = str(public.get("prefix") or "").strip("/")
    if type_ == "local":
        path = Path(str(public["path"])).expanduser().resolve()
        roots = tuple(local_roots)
        if not any(path == root or root in path.parents for root in roots):
            raise ConnectorError("config.path is outside the folders this server allows for local "
                                 "connectors (see FLEXORCH_CONNECTOR_ROOTS)")
        return Target("local", str(path), {})
    if type_ == "s3":
        options: dict[str, Any] = {
            **given(secret, {"access_key_id": "key", "secret_access_key": "secret",
                             "session_token": "token"}),
            **given(public, {"endpoint_url": "endpoint_url"})}
        if public.get("region"):
            options["client_kwargs"] = {"region_name": public["region"]}
        root = posixpath.join(public["bucket"], prefix) if prefix else public["bucket"]
        return Target("s3", f"s3://{root}", options)
    if type_ == "gcs":
        options = given(public, {"project": "project"})
        if secret.get("credentials_json"):
            value = secret["credentials_json"]
            options["token"] = json.loads(value) if isinstance(value, str) else value
        options.update(given(public, {"endpoint_url": "endpoint_url"}))
        root = posixpath.join(public["bucket"], prefix) if prefix else public["bucket"]
        return Target("gcs", f"gs://{root}", options)
    options = {}
    for name in ("account_name", "account_key", "connection_string", "sas_token"):
        value = secret.get(name) or public.get(name)
        if value:
            options[name] = value
    root = posixpath.join(public["container"], prefix) if prefix else public["container"]
    return Target("azure_blob", f"az://{root}", options)


def test_connection(tgt: Target) -> dict[str, Any]:
    """List the root once: ``{success, latency_ms, message}`` (the SDK's ConnectorTestResult).
    The message names the error type only: a provider's error text may echo credentials."""
    started = time.monotonic()
    try:
        fs = tgt.filesystem(quick=True)
        path = tgt.root_path()
        if tgt.type == "local" and not Path(path).is_dir():
            raise FileNotFoundError(path)
        entries = fs.ls(path, detail=False) if fs.exists(path) else None
        if entries is None and tgt.type in ("local",):
            raise FileNotFoundError(path)
        latency = int((time.monotonic() - started) * 1000)
        if entries is None:  # an empty bucket/prefix: reachable, nothing there yet
            fs.ls(path.split("/", 1)[0], detail=False)
            return {"success": True, "latency_ms": latency, "message": "reachable; the prefix is empty"}
        return {"success": True, "latency_ms": latency,
                "message": f"reachable; {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} at the root"}
    except Exception as error:  # noqa: BLE001 - any provider failure is a failed test
        latency = int((time.monotonic() - started) * 1000)
        return {"success": False, "latency_ms": latency,
                "message": f"cannot reach {tgt.type} storage: {type(error).__name__}"}


def list_files(tgt: Target, prefix_filter: Optional[str] = None) -> list[dict[str, Any]]:
    """Every file under the root whose key (relative to the root) starts with
    ``prefix_filter``: ``{url, key, size}``, sorted by key."""
    fs = tgt.filesystem()
    root = tgt.root_path().rstrip("/")
    found = fs.find(root, detail=True) if fs.exists(root) else {}
    files = []
    for name, info in sorted(found.items()):
        if info.get("type") not in (None, "file"):
            continue
        key = name[len(root):].lstrip("/") if name.startswith(root) else posixpath.basename(name)
        if prefix_filter and not key.startswith(prefix_filter.lstrip("/")):
            continue
        url = name if tgt.type == "local" else fs.unstrip_protocol(name)
        if tgt.type == "azure_blob":
            url = "az://" + name.lstrip("/")
        files.append({"url": url, "key": key, "size": int(info.get("size") or 0)})
        if len(files) >= MAX_LISTED:
            break
    return files


# The variables each provider's clients read credentials from (README "Cloud storage").
PROVIDER_ENV: dict[str, tuple[str, ...]] = {
    "s3": ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
           "AWS_PROFILE"),
    "gcs": ("GOOGLE_APPLICATION_CREDENTIALS", "STORAGE_EMULATOR_HOST"),
    "azure_blob": ("AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_ACCOUNT_NAME",
                   "AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_SAS_TOKEN"),
    "local": (),
}


def subprocess_env(base: dict[str, str], tgt: Target, scratch: Path) -> dict[str, str]:
    """The environment of a sync's worker process: the server's, where a connector that
    brings its own credentials replaces every credential variable of its provider (so the
    server's own account never mixes with the connector's)."""
    own = pipeline_env(tgt, scratch)
    env = dict(base)
    if own:
        for name in PROVIDER_ENV.get(tgt.type, ()):
            env.pop(name, None)
    env.update(own)
    return env


def pipeline_env(tgt: Target, scratch: Path) -> dict[str, str]:
    """Environment variables that give a ``flexorch run`` subprocess this connector's
    credentials (the clients' usual variables; README "Cloud storage"). A GCS service
    account is written to a 0600 file under ``scratch`` (the caller removes it)."""
    env: dict[str, str] = {}
    options = tgt.storage_options

    def put(names: dict[str, str]) -> None:
        env.update({var: str(value) for var, value in given(options, names).items()})

    if tgt.type == "s3":
        put({"key": "AWS_ACCESS_KEY_ID", "secret": "AWS_SECRET_ACCESS_KEY",
             "token": "AWS_SESSION_TOKEN", "endpoint_url": "AWS_ENDPOINT_URL"})
        region = (options.get("client_kwargs") or {}).get("region_name")
        if region:
            env["AWS_DEFAULT_REGION"] = region
    elif tgt.type == "gcs":
        if isinstance(options.get("token"), dict):
            scratch.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix="gcs-", suffix=".json", dir=scratch)
            with os.fdopen(handle, "w") as out:
                json.dump(options["token"], out)
            os.chmod(name, 0o600)
            env["GOOGLE_APPLICATION_CREDENTIALS"] = name
        put({"project": "GOOGLE_CLOUD_PROJECT",
             "endpoint_url": "STORAGE_EMULATOR_HOST"})
        if options.get("endpoint_url"):
            env["GCSFS_EXPERIMENTAL_ZB_HNS_SUPPORT"] = "false"
    elif tgt.type == "azure_blob":
        put({"connection_string": "AZURE_STORAGE_CONNECTION_STRING",
             "account_name": "AZURE_STORAGE_ACCOUNT_NAME",
             "account_key": "AZURE_STORAGE_ACCOUNT_KEY", "sas_token": "AZURE_STORAGE_SAS_TOKEN"})
    return env
