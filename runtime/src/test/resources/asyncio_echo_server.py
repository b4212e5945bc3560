"""An asyncio echo server for the interop test: python3 asyncio_echo_server.py

Listens on 127.0.0.1 on a free port, prints "PORT <n>", echoes each connection until EOF (upper-casing
lines that start with "upper:", to prove who answered), and exits when its stdin closes, or after 30 s.
"""
import asyncio
import sys


async def echo(reader, writer):
    try:
        while True:
            data = await reader.readline()
            if not data:
                break
            if data.startswith(b"upper:"):
                data = data.upper()
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.run_in_executor(None, sys.stdin.buffer.read)
    try:
        await asyncio.wait_for(stdin_closed, 30)
    except asyncio.TimeoutError:
        pass
    server.close()
    await server.wait_closed()
    print("BYE", flush=True)


asyncio.run(main())
