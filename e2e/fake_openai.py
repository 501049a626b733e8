#!/usr/bin/env python3
"""A tiny OpenAI-compatible server for the endpoint end-to-end test (standard library only).

  GET  /v1/models            -> one model, "llama-e2e"
  POST /v1/completions       -> a one-token completion
  POST /v1/chat/completions  -> a one-token chat completion

fake_openai.py --port P [--log FILE]

Prints "listening 127.0.0.1:P" once the socket accepts connections, so the harness knows the moment the
endpoint is up again (that moment ends the injected downtime). With --log, appends one JSON line per
request: monotonic and wall time, method, path, status and User-Agent. The harness tells the console's
probes from blackbox_exporter's by the User-Agent the blackbox module sends, and takes the first and last
console request as the span the console was probing.
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "llama-e2e"


class Handler(BaseHTTPRequestHandler):
    log_file = None
    log_lock = threading.Lock()

    def do_GET(self):
        if self.path.rstrip("/") == "/v1/models":
            self.reply(200, {"object": "list", "data": [{"id": MODEL, "object": "model", "owned_by": "e2e"}]})
        else:
            self.reply(404, {"error": {"message": "no route " + self.path, "type": "invalid_request_error"}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)  # drain the body; its content does not matter here
        path = self.path.rstrip("/")
        usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
        if path == "/v1/completions":
            self.reply(200, {"id": "cmpl-e2e", "object": "text_completion", "created": int(time.time()),
                             "model": MODEL, "usage": usage,
                             "choices": [{"index": 0, "text": "ok", "logprobs": None, "finish_reason": "length"}]})
        elif path == "/v1/chat/completions":
            self.reply(200, {"id": "chatcmpl-e2e", "object": "chat.completion", "created": int(time.time()),
                             "model": MODEL, "usage": usage,
                             "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"},
                                          "finish_reason": "length"}]})
        else:
            self.reply(404, {"error": {"message": "no route " + self.path, "type": "invalid_request_error"}})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.record(status)

    def record(self, status):
        if self.log_file is None:
            return
        line = json.dumps({"mono": time.monotonic(), "wall": time.time(), "method": self.command,
                           "path": self.path, "status": status, "ua": self.headers.get("User-Agent", "")})
        with self.log_lock:
            self.log_file.write(line + "\n")
            self.log_file.flush()

    def log_message(self, fmt, *args):  # the JSON log above replaces the default stderr access log
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--log")
    args = ap.parse_args()
    if args.log:
        Handler.log_file = open(args.log, "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)  # binds and listens here
    server.daemon_threads = True
    print("listening 127.0.0.1:%d" % args.port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
