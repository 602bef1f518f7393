"""The project's certificates: a CA per deployment and server certificates a client verifies
(the CA and the host name), tried in a real TLS handshake in memory."""

from __future__ import annotations

import os
import ssl
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from park_shared.tls import ensure_ca, issue_server
from park_shared.tls.__main__ import main


def handshake(server: ssl.SSLContext, client: ssl.SSLContext, host: str) -> None:
    """One TLS handshake between the two contexts through memory buffers (raises if refused)."""
    s_in, s_out, c_in, c_out = ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO()
    srv = server.wrap_bio(s_in, s_out, server_side=True)
    cli = client.wrap_bio(c_in, c_out, server_hostname=host)
    done = {"client": False, "server": False}
    for _ in range(10):
        for name, end in (("client", cli), ("server", srv)):
            if not done[name]:
                try:
                    end.do_handshake()
                    done[name] = True
                except ssl.SSLWantReadError:
                    pass
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if all(done.values()):
            return
    raise AssertionError("the handshake did not finish")


def server_context(cert: Path, key: Path, password: str | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key, password)
    return context


def test_a_client_trusting_the_deployments_ca_verifies_the_server_and_its_hosts(tmp_path: Path) -> None:
    ca = ensure_ca(tmp_path / "ca")
    files = issue_server(ca, tmp_path / "certs", "investment", ["investment", "localhost", "127.0.0.1"])
    server = server_context(files.cert_file, files.key_file)
    client = ssl.create_default_context(cafile=ca.cert_file)
    for host in ("investment", "localhost", "127.0.0.1"):
        handshake(server, client, host)
    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
        handshake(server, ssl.create_default_context(cafile=ca.cert_file), "headquarters")


def test_another_deployments_ca_or_the_systems_cas_do_not_trust_it(tmp_path: Path) -> None:
    ca, other = ensure_ca(tmp_path / "ca"), ensure_ca(tmp_path / "other")
    files = issue_server(ca, tmp_path, "kafka", ["kafka"])
    server = server_context(files.cert_file, files.key_file)
    for client in (ssl.create_default_context(cafile=other.cert_file), ssl.create_default_context()):
        with pytest.raises(ssl.SSLCertVerificationError):
            handshake(server, client, "kafka")


def test_the_ca_is_kept_and_keys_are_private(tmp_path: Path) -> None:
    ca = ensure_ca(tmp_path)
    first = ca.cert_file.read_bytes()
    assert ensure_ca(tmp_path).cert_file.read_bytes() == first, "one CA per deployment, kept"
    files = issue_server(ca, tmp_path, "broker", ["localhost"], key_password="s3cret-pass")
    assert files.keystore_file is not None
    for secret in (ca.key_file, files.key_file, files.keystore_file):
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600, secret
    assert b"ENCRYPTED PRIVATE KEY" in files.key_file.read_bytes()
    handshake(
        server_context(files.cert_file, files.key_file, "s3cret-pass"),
        ssl.create_default_context(cafile=ca.cert_file),
        "localhost",
    )
    key, cert, chain = pkcs12.load_key_and_certificates(files.keystore_file.read_bytes(), b"s3cret-pass")
    assert key is not None and cert is not None and len(chain) == 1
    with pytest.raises(ValueError):
        issue_server(ca, tmp_path, "nameless", [])


def test_the_command_line_makes_a_ca_then_certificates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", str(tmp_path), "svc", "--host", "localhost"]) == 2
    assert "no CA" in capsys.readouterr().err
    assert main(["ca", str(tmp_path)]) == 0
    assert main(["server", str(tmp_path), "svc", "--host", "localhost", "--host", "127.0.0.1"]) == 0
    assert main(["server", str(tmp_path), "kafka", "--host", "kafka", "--key-password-env", "NOPE"]) == 2
    monkeypatch.setenv("KEY_PASSWORD", "from-the-env")
    assert main(["server", str(tmp_path), "web", "--host", "web", "--key-password-env", "KEY_PASSWORD"]) == 0
    assert b"ENCRYPTED" in (tmp_path / "web.key").read_bytes()
    uid = str(os.getuid())
    assert main(["server", str(tmp_path), "kafka", "--host", "kafka", "--keystore", "--owner", uid]) == 0
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == [
        *("ca.crt", "ca.key", "kafka.crt", "kafka.key", "kafka.p12", "kafka.password"),
        *("svc.crt", "svc.key", "web.crt", "web.key", "web.p12"),
    ]
    password = (tmp_path / "kafka.password").read_bytes()
    assert len(password) >= 24 and stat.S_IMODE((tmp_path / "kafka.password").stat().st_mode) == 0o600
    key, cert, _ = pkcs12.load_key_and_certificates((tmp_path / "kafka.p12").read_bytes(), password)
    assert key is not None and cert is not None
    server = server_context(tmp_path / "svc.crt", tmp_path / "svc.key")
    handshake(server, ssl.create_default_context(cafile=tmp_path / "ca.crt"), "127.0.0.1")
