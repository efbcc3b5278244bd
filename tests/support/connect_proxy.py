#!/usr/bin/env python3
"""A minimal HTTP CONNECT proxy for the tests: every tunnel goes to 127.0.0.1:PORT, whatever
host it names (the test's stand-in for arXiv), so a client can be tested through a proxy
with a name that is not loopback. Appends each CONNECT request line to LOG.

Usage: connect_proxy.py PORT LOG. Prints the port it listens on, then serves until killed.
"""
import socket
import sys
import threading

TARGET_PORT = int(sys.argv[1])
LOG = sys.argv[2]


def pipe(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def handle(client):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = client.recv(4096)
        if not chunk:
            client.close()
            return
        head += chunk
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(line + "\n")
    if not line.startswith("CONNECT "):
        client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
        client.close()
        return
    upstream = socket.create_connection(("127.0.0.1", TARGET_PORT))
    client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
    pipe(upstream, client)


def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    print(server.getsockname()[1], flush=True)
    while True:
        client, _ = server.accept()
        threading.Thread(target=handle, args=(client,), daemon=True).start()


if __name__ == "__main__":
    main()
