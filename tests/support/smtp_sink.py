#!/usr/bin/env python3
"""An SMTP server for the email driver's tests (aiosmtpd).

Every accepted message is written to --dir as NNNN.eml, then NNNN.json: a
summary (envelope, decoded headers, text and HTML parts, whether TLS was on)
made with Python's email module, so tests need not parse MIME. The .json is
written last, by rename: once it exists, both files are complete.

    smtp_sink.py --dir DIR --port 0 [--starttls CERT KEY | --tls CERT KEY]
                 [--reject-permanent ADDR]... [--reject-transient-once ADDR]...

Prints "READY <port>" once listening. Exits when stdin closes or on SIGTERM,
so a test that dies cannot leave it running.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl
import sys
import threading

try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    print(
        "smtp_sink.py: the Python package aiosmtpd is missing "
        "(install it with: python3 -m pip install aiosmtpd)",
        file=sys.stderr,
    )
    sys.exit(3)


class Sink:
    def __init__(self, directory, permanent, transient_once):
        self.dir = directory
        self.permanent = {a.lower() for a in permanent}
        self.transient_once = {a.lower() for a in transient_once}
        self.tried = set()
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        addr = address.lower()
        if addr in self.permanent:
            return "550 5.1.1 Mailbox unavailable"
        if addr in self.transient_once and addr not in self.tried:
            self.tried.add(addr)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.dir, f"{self.count:04}")
        raw = envelope.original_content or envelope.content
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        headers = {}
        for name, value in msg.items():
            headers.setdefault(name.lower(), []).append(str(value))
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "content_type": msg.get_content_type(),
            "headers": headers,
            "subject": str(msg["subject"]),
            "message_id": str(msg["message-id"]),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
        os.replace(base + ".json.tmp", base + ".json")
        return "250 2.0.0 Message accepted"


def tls_context(cert, key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


async def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    g.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--reject-permanent", action="append", default=[], metavar="ADDR")
    p.add_argument("--reject-transient-once", action="append", default=[], metavar="ADDR")
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    loop = asyncio.get_running_loop()
    handler = Sink(args.dir, args.reject_permanent, args.reject_transient_once)
    starttls = tls_context(*args.starttls) if args.starttls else None
    implicit = tls_context(*args.tls) if args.tls else None

    def protocol():
        return SMTP(
            handler,
            hostname="localhost",
            tls_context=starttls,
            require_starttls=starttls is not None,
            loop=loop,
        )

    server = await loop.create_server(protocol, args.host, args.port, ssl=implicit)
    port = server.sockets[0].getsockname()[1]

    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)

    def watch_stdin():
        # EOF: the test that started us is gone.
        while sys.stdin.buffer.read(4096):
            pass
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_stdin, daemon=True).start()
    print(f"READY {port}", flush=True)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
