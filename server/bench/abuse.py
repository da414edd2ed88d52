#!/usr/bin/env python3
"""Abuse clients for load.sh, loopback only. Usage: abuse.py PORT (big|slow-headers|slow-body)."""

import socket
import sys
import time

port, what = int(sys.argv[1]), sys.argv[2]


def connect():
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(120)
    return s


def status(s):
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError as e:
        return "closed (%s)" % e.__class__.__name__
    return data.split(b"\r\n")[0].decode() or "closed"


if what == "big":
    # 1 GiB of NDJSON, chunked (no declared length): the server must cut it at --max-body.
    s = connect()
    s.sendall(b"POST /v1/report HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-ndjson\r\n"
              b"transfer-encoding: chunked\r\n\r\n")
    line = b'{"code":"600011","msg":"x"}\n' * 2048
    chunk = b"%x\r\n" % len(line) + line + b"\r\n"
    sent, start = 0, time.time()
    try:
        while sent < (1 << 30):
            s.sendall(chunk)
            sent += len(line)
    except OSError:
        pass
    print("big-chunked: %s after %d MiB sent in %.1fs" % (status(s), sent >> 20, time.time() - start))
    # 1 GiB declared up front: refused before any byte of the body is read.
    s = connect()
    start = time.time()
    s.sendall(b"POST /v1/normalize HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-ndjson\r\n"
              b"content-length: 1073741824\r\n\r\n")
    print("big-declared: %s in %.3fs" % (status(s), time.time() - start))
elif what in ("slow-headers", "slow-body"):
    s = connect()
    start = time.time()
    if what == "slow-headers":
        payload = b"GET /v1/codes/pns/600011 HTTP/1.1\r\nhost: x\r\n" + b"x-pad: " + b"a" * 200 + b"\r\n\r\n"
    else:
        s.sendall(b"POST /v1/report HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: 1000\r\n\r\n")
        payload = b"a" * 1000
    # One byte a second, for at most 120 bytes (the server must give up long before).
    answer = None
    for b in payload[:120]:
        try:
            s.sendall(bytes([b]))
        except OSError:
            answer = "closed by the server"
            break
        s.settimeout(1.0)
        try:
            data = s.recv(4096)
            answer = (data.split(b"\r\n")[0].decode() if data else "closed by the server")
            break
        except socket.timeout:
            continue
        except OSError:
            answer = "closed by the server"
            break
    print("%s: %s after %.1fs" % (what, answer or "still open after 120 s", time.time() - start))
