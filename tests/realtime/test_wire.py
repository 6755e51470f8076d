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
