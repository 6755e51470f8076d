"""The bench's secretariat client keeps one connection, as a browser tab does: the close and the publish go
out on it without a new TCP handshake each, and a connection the server closed while idle is opened again
(once, and only for a connection that had been used: a fresh one that fails is an error)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.session_load import Rest


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: list[int] = []  # every connection the server accepted (a handler per connection)

    def setup(self) -> None:
        super().setup()
        Handler.connections.append(id(self))

    def do_POST(self) -> None:  # noqa: N802  (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"] or 0))
        status = 403 if self.path == "/refused/" else 200
        payload = json.dumps({"path": self.path, "got": json.loads(body or b"null")}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        if self.path == "/last/":
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)
        if self.path in ("/last/", "/dropped/"):  # /dropped/: closed without saying so, as an idle timeout does
            self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    Handler.connections = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_calls_share_one_connection_until_the_server_closes_it(server):
    rest = Rest(f"http://127.0.0.1:{server.server_address[1]}", "cookie")
    assert rest.call("POST", "/api/polls/1/close/", {}) == {"path": "/api/polls/1/close/", "got": {}}
    assert rest.call("POST", "/api/polls/1/publish/", {"a": 1})["got"] == {"a": 1}
    assert len(Handler.connections) == 1
    rest.call("POST", "/last/", {})  # the server says Connection: close
    assert rest.connection is None
    rest.call("POST", "/again/", {})
    assert len(Handler.connections) == 2
    with pytest.raises(RuntimeError, match="403"):
        rest.call("POST", "/refused/", {})
    rest.close()


def test_an_idle_connection_the_server_dropped_is_opened_again(server):
    rest = Rest(f"http://127.0.0.1:{server.server_address[1]}", "cookie")
    rest.call("POST", "/dropped/", {})
    assert rest.connection is not None  # the client does not know yet
    assert rest.call("POST", "/second/", {})["path"] == "/second/"
    assert len(Handler.connections) == 2
    rest.close()


def test_a_server_that_is_not_there_is_an_error():
    with pytest.raises(OSError):
        Rest("http://127.0.0.1:9", "cookie").call("POST", "/x/", {})
