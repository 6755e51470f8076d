"""The prepared WebSocket frames of the fan-out fast path, read back by an independent implementation
(the ``websockets`` library's frame parser), and the fallback for non-Daphne servers."""

import pytest
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from realtime.wire import SocketWriter, text_frame


def _parse(data: bytes) -> Frame:
    reader = StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    parser = Frame.parse(reader.read_exact, mask=False)
    try:
        next(parser)
    except StopIteration as done:
        return done.value
    raise AssertionError("the frame is incomplete")


@pytest.mark.parametrize("size", [0, 1, 125, 126, 65535, 65536, 200_000])
def test_text_frame_round_trips_at_every_length_encoding(size):
    text = ("Biểu quyết " * (size // 10 + 1))[:size]
    frame = _parse(text_frame(text))
    assert frame.opcode is Opcode.TEXT
    assert frame.fin
    assert frame.data.decode() == text


async def test_writer_without_daphne_uses_the_asgi_send():
    sent = []

    async def send(message):
        sent.append(message)

    writer = SocketWriter(send)
    assert writer.write_now(text_frame("x")) is False
    await writer({"type": "websocket.send", "text": "xin chào"})
    await writer({"type": "websocket.close", "code": 4403})
    assert sent == [{"type": "websocket.send", "text": "xin chào"}, {"type": "websocket.close", "code": 4403}]


class _Transport:
    """What ``socket_write`` uses of a Twisted TCP connection: its socket and its write buffer."""

    def __init__(self, sock, queued: bytes = b"") -> None:
        self.socket = sock
        self.dataBuffer = queued
        self._tempDataBuffer: list[bytes] = []
        self.written: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(data)


def _drain(sock) -> bytes:
    sock.setblocking(False)
    out = b""
    while True:
        try:
            chunk = sock.recv(1 << 20)
        except BlockingIOError:
            return out
        if not chunk:
            return out
        out += chunk


def test_socket_write_sends_at_once_queues_behind_a_buffer_and_keeps_the_rest():
    import socket

    from realtime.wire import socket_write

    ours, peer = socket.socketpair()
    ours.setblocking(False)
    idle = _Transport(ours)
    socket_write(idle, b"ping")
    assert _drain(peer) == b"ping" and idle.written == []  # one send, nothing left to Twisted

    busy = _Transport(ours, queued=b"earlier")
    socket_write(busy, b"later")
    assert _drain(peer) == b"" and busy.written == [b"later"]  # behind what is queued: order kept

    ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    big = bytes(range(256)) * 4096  # 1 MB: more than the socket takes at once
    full = _Transport(ours)
    socket_write(full, big)
    sent = _drain(peer)
    assert 0 < len(sent) < len(big) and full.written == [big[len(sent) :]]
    ours.close()
    peer.close()
