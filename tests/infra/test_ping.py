"""The local FerretDB's ping has a deadline and says why a server does not answer: a wedged
server (it accepts a connection, never replies) is named as such, apart from one that is down."""

from __future__ import annotations

import socket

from park_shared.testing._process import free_port
from park_shared.testing.ferretdb_server import ping


def test_a_server_that_accepts_but_never_answers_is_reported_wedged() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        answer = ping(port, deadline=0.3)
    assert answer.startswith("wedged:")
    assert f"127.0.0.1:{port}" in answer and "0.3s" in answer


def test_a_closed_port_is_reported_as_no_connection_not_wedged() -> None:
    answer = ping(free_port(), deadline=0.3)
    assert answer.startswith("no connection to 127.0.0.1:")
