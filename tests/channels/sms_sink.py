#!/usr/bin/python3
"""An SMS gateway's stand-in on 127.0.0.1 for the tests: it records every request (method,
path, headers, body) as one JSON line in the file named by its argument, then answers as
the request's path says:

  /ok            200, a provider's JSON answer with a message id (and the number echoed)
  /missing-id    200, success but no message id
  /status-false  200, but return.status says the provider refused (and echoes the number)
  /fail500       500
  /busy429       429
  /reject400     400 (a bad number, the number echoed)
  /garbage       200, HTML instead of JSON
  /huge          200, an answer of 1 MiB
  /hang          nothing for 30 s (the client times out after sending)

It prints the port it listens on, then serves until it is stopped."""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RECORD = sys.argv[1]
counter = [0]


class Gateway(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        with open(RECORD, "a", encoding="utf-8") as f:
            f.write(json.dumps({"method": self.command, "path": self.path,
                                "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body}, ensure_ascii=False) + "\n")
        mode = self.path.split("?")[0].strip("/").split("/")[0]
        counter[0] += 1
        if mode == "ok":
            self.answer(200, json.dumps({"return": {"status": 200, "message": "تایید شد"},
                                         "entries": [{"messageid": 8000 + counter[0], "status": 1,
                                                      "receptor": "09121234567", "cost": 120}]}))
        elif mode == "missing-id":
            self.answer(200, json.dumps({"return": {"status": 200, "message": "ok"}, "entries": []}))
        elif mode == "status-false":
            self.answer(200, json.dumps({"return": {"status": 418, "message": "no credit for 09121234567"}}))
        elif mode == "fail500":
            self.answer(500, "internal error")
        elif mode == "busy429":
            self.answer(429, json.dumps({"return": {"status": 429, "message": "slow down"}}))
        elif mode == "reject400":
            self.answer(400, json.dumps({"return": {"status": 411, "message": "bad receptor 09121234567"}}))
        elif mode == "garbage":
            self.answer(200, "<html><body>Service temporarily moved</body></html>", "text/html")
        elif mode == "huge":
            self.answer(200, b"[" * (1 << 20))
        elif mode == "hang":
            time.sleep(30)
            self.answer(200, "{}")
        else:
            self.answer(404, "{}")

    do_GET = do_POST = do_PUT = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
