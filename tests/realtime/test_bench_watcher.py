"""The bench's receive-only viewer socket (bench/watcher.py) parses frames as RFC 6455 has them, whatever way
the bytes arrive: the load figures rely on every frame being seen once, in order."""

from __future__ import annotations

import asyncio
import struct

import pytest

from bench.watcher import HandshakeError, Watcher
from realtime.wire import text_frame


class Transport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[bytes] = []
        self.closing = False

    def write(self, data: bytes) -> None:  # type: ignore[override]
        self.sent.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True


def unmask(frame: bytes) -> tuple[int, bytes]:
    assert frame[1] & 0x80, "a client frame is masked"
    size, mask = frame[1] & 0x7F, frame[2:6]
    return frame[0] & 0x0F, bytes(b ^ mask[i % 4] for i, b in enumerate(frame[6 : 6 + size]))


def opened(texts: list[str]) -> tuple[Watcher, Transport]:
    watcher = Watcher(b"GET / HTTP/1.1\r\n\r\n", texts.append)
    transport = Transport()
    watcher.connection_made(transport)
    watcher.data_received(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")
    return watcher, transport


def test_frames_of_every_length_split_anywhere():
    async def run():
        texts: list[str] = []
        watcher, _ = opened(texts)
        assert watcher.opened.done() and watcher.opened.exception() is None
        messages = ["a", "Đại biểu " * 20, "x" * 70_000, '{"kind":"event","seq":7}']  # 7-bit, 16-bit, 64-bit lengths
        stream = b"".join(text_frame(m) for m in messages)
        for start in range(0, len(stream), 997):  # arbitrary TCP segment boundaries, inside heads too
            watcher.data_received(stream[start : start + 997])
        return texts, watcher

    texts, watcher = asyncio.run(run())
    assert texts == ["a", "Đại biểu " * 20, "x" * 70_000, '{"kind":"event","seq":7}']
    assert watcher.buffer == bytearray()


def test_fragmented_message_and_ping_between():
    async def run():
        texts: list[str] = []
        watcher, transport = opened(texts)
        watcher.data_received(struct.pack("!BB", 0x01, 3) + b"hel")  # text, not final
        watcher.data_received(struct.pack("!BB", 0x89, 2) + b"hi")  # a ping inside the message
        watcher.data_received(struct.pack("!BB", 0x80, 2) + b"lo")  # continuation, final
        return texts, transport

    texts, transport = asyncio.run(run())
    assert texts == ["hello"]
    assert [unmask(f) for f in transport.sent[1:]] == [(0xA, b"hi")]


def test_server_close_is_echoed_and_not_ours():
    async def run():
        watcher, transport = opened([])
        watcher.data_received(struct.pack("!BBH", 0x88, 2, 4403))
        watcher.connection_lost(None)
        return watcher, transport

    watcher, transport = asyncio.run(run())
    assert unmask(transport.sent[1]) == (0x8, struct.pack("!H", 4403))
    assert transport.closing and watcher.closed.done() and not watcher.ours


@pytest.mark.parametrize(
    ("reply", "handshake_ok"),
    [
        (b"HTTP/1.1 403 Forbidden\r\n\r\n", False),
        (b"HTTP/1.1 101 OK\r\n\r\n" + struct.pack("!BB", 0x81, 0x81) + b"mask", True),  # a masked server frame
    ],
)
def test_refused_handshake_or_masked_server_frame_ends_the_socket(reply, handshake_ok):
    async def run():
        texts: list[str] = []
        watcher = Watcher(b"", texts.append)
        transport = Transport()
        watcher.connection_made(transport)
        watcher.data_received(reply)
        watcher.connection_lost(None)
        return watcher, transport, texts

    watcher, transport, texts = asyncio.run(run())
    assert transport.closing and texts == [] and watcher.closed.done()
    if handshake_ok:
        assert watcher.opened.exception() is None
    else:
        assert isinstance(watcher.opened.exception(), HandshakeError)
