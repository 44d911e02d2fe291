#!/usr/bin/python3
"""An SMTP server on 127.0.0.1 for the tests (Debian's python3-aiosmtpd): plain SMTP without
STARTTLS; or, with a second argument `starttls`, one that requires STARTTLS before any
mail, with a self-signed certificate for 127.0.0.1 made by Debian's openssl into the
record's folder (cert.pem, for the client to trust). Each message it accepts is recorded as one JSON line in the file named by its
argument, read back with Python's own e-mail parser: sender, recipients, the decoded
Subject and body, Message-ID and Content-Type. A recipient beginning reject@ is refused
for good (550), later@ for now (451). It prints its port, then serves until stopped."""
import email
import email.policy
import json
import os
import signal
import socket
import ssl
import subprocess
import sys

from aiosmtpd.controller import Controller

RECORD = sys.argv[1]


class Sink:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject@"):
            return "550 5.1.1 no such mailbox"
        if address.startswith("later@"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with open(RECORD, "a", encoding="utf-8") as f:
            f.write(json.dumps({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                                "subject": str(message["subject"]), "body": message.get_content(),
                                "message_id": str(message["message-id"]),
                                "content_type": message.get_content_type(),
                                "charset": message.get_content_charset(),
                                "tls": session.ssl is not None}, ensure_ascii=False) + "\n")
        return "250 OK accepted"


signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})  # for sigwait, in every thread
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
tls = {}
if sys.argv[2:] == ["starttls"]:
    folder = os.path.dirname(RECORD)
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    tls = {"tls_context": context, "require_starttls": True}
controller = Controller(Sink(), hostname="127.0.0.1", port=port, **tls)
controller.start()
print(port, flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()
