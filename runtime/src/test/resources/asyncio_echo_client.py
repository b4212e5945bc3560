"""An asyncio echo client for the interop test: python3 asyncio_echo_client.py HOST PORT

Sends 100 lines and then a 1 MiB blob (while reading, so neither side stalls), half-closes, checks that
everything comes back unchanged, and prints OK with the byte count. Exits non-zero otherwise.
"""
import asyncio
import sys


async def main(host, port):
    reader, writer = await asyncio.open_connection(host, port)
    lines = [f"line {i}\n".encode() for i in range(100)]
    blob = bytes((i * 31 + (i >> 8)) & 0xFF for i in range(1024 * 1024))
    expected = b"".join(lines) + blob

    async def send():
        writer.writelines(lines)
        await writer.drain()
        for off in range(0, len(blob), 65536):
            writer.write(blob[off:off + 65536])
            await writer.drain()
        writer.write_eof()

    sender = asyncio.create_task(send())
    for i in range(100):
        line = await reader.readline()
        if line != lines[i]:
            raise SystemExit(f"line {i}: got {line!r}")
    rest = await reader.read()          # until EOF
    await sender
    writer.close()
    await writer.wait_closed()
    got = b"".join(lines) + rest
    if got != expected:
        raise SystemExit(f"mismatch: got {len(got)} bytes, expected {len(expected)}")
    print(f"OK {len(got)}", flush=True)


asyncio.run(asyncio.wait_for(main(sys.argv[1], int(sys.argv[2])), 30))
