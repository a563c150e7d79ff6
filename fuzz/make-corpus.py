#!/usr/bin/env python3
# fuzz/make-corpus.py: writes the seed corpora in fuzz/corpus/
#
# Copyright 2026 The Easel developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   fuzz/make-corpus.py --seeds DIR --mock _build/tests/mock/easel-mock [--out fuzz/corpus]
#
# The corpora are committed; this is how they were made, to run again when
# a dialect or the mock changes. Sources:
#   - every JSON example answer in the gateway documents (the seeds), for
#     the dialect it documents, as a submit and as a poll answer;
#   - what the mock gateway (tests/mock, run here on loopback with tiny
#     images) answers: each dialect's successes, jobs polled to the end,
#     and every fault it can inject at submit and on polls, status line and
#     headers included; openai's event streams;
#   - hand-written stored requests, sizes and event streams;
#   - small PNG masks, with and without alpha, scaled, damaged, too large.
# File names are the SHA-1 of the content, as libFuzzer names its finds.
# Inputs named regress-* are crashes the fuzzers found, added by hand and
# kept when this runs again. The mock's answers carry the time (job ids),
# so a new run renames them all: commit only the targets that changed.

import argparse
import hashlib
import http.client
import json
import os
import re
import struct
import subprocess
import sys
import time
import urllib.parse
import zlib

# EaselDialectKind order; fuzz-dialect.c's selector byte.
DIALECTS = ["openai", "icodeeasy", "yycode", "aizfw"]
SEED_DIALECT = {"000": "yycode", "001": "openai", "002": "openai",
                "003": "icodeeasy", "004": "aizfw"}
HAS_POLL = {"openai": False, "icodeeasy": True, "yycode": True, "aizfw": True}

# Faults that answer at once with a body worth reading (stall and
# reset-mid-body give none; huge-body and decompression-bomb are too big
# for a seed corpus).
SUBMIT_FAULTS = ["rate-limit", "server-error", "html-error", "malformed-json",
                 "auth", "payment", "moderation", "bad-request", "bad-base64",
                 "not-an-image", "no-images", "job-failure", "never-ending-job"]

PHRASES = {200: "OK", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized",
           402: "Payment Required", 403: "Forbidden", 404: "Not Found",
           429: "Too Many Requests", 500: "Internal Server Error",
           502: "Bad Gateway", 503: "Service Unavailable"}


class Corpus:
    def __init__(self, root):
        self.root = root
        self.counts = {}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        folder = os.path.join(self.root, target)
        os.makedirs(folder, exist_ok=True)
        name = hashlib.sha1(data).hexdigest()
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            self.counts[target] = self.counts.get(target, 0) + 1


def selector(dialect, poll, output_format=0):
    return bytes([DIALECTS.index(dialect) | (4 if poll else 0) | (output_format << 3)])


def http_response(status, headers, body, reason=None):
    head = "HTTP/1.1 %d %s\r\n" % (status, reason or PHRASES.get(status, "Status"))
    for name, value in headers:
        head += "%s: %s\r\n" % (name, value)
    return head.encode("latin-1") + b"\r\n" + body


def add_answer(corpus, dialect, status, body, headers=None, poll=None):
    headers = headers or [("Content-Type", "application/json")]
    if isinstance(body, str):
        body = body.encode("utf-8")
    polls = [False, True] if poll is None else [poll]
    for p in polls:
        if p and not HAS_POLL[dialect]:
            continue
        corpus.add("dialect", selector(dialect, p) + http_response(status, headers, body))


# --- the seeds -------------------------------------------------------------


def json_blocks(text):
    """Every balanced {...} in the text that is JSON."""
    for start in (m.start() for m in re.finditer(r"\{", text)):
        depth = 0
        in_string = False
        escaped = False
        for i in range(start, len(text)):
            c = text[i]
            if in_string:
                if escaped:
                    escaped = False
                elif c == "\\":
                    escaped = True
                elif c == '"':
                    in_string = False
            elif c == '"':
                in_string = True
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    try:
                        yield json.loads(text[start:i + 1])
                    except ValueError:
                        pass
                    break


def from_seeds(corpus, seeds):
    for name in sorted(os.listdir(seeds)):
        dialect = SEED_DIALECT.get(name[:3])
        if dialect is None:
            continue
        with open(os.path.join(seeds, name), encoding="utf-8") as f:
            text = f.read()
        seen = set()
        for block in json_blocks(text):
            if not isinstance(block, dict) or "prompt" in block:
                continue   # a request body, not an answer
            body = json.dumps(block, ensure_ascii=False, separators=(",", ":"))
            if body in seen or len(block) == 0:
                continue
            seen.add(body)
            add_answer(corpus, dialect, 200, body)
            if dialect == "icodeeasy" and block.get("status") == "pending":
                add_answer(corpus, dialect, 202, body, poll=False)
            if "error" in block and isinstance(block["error"], dict):
                for status in (400, 401, 402, 403, 429, 500, 503):
                    add_answer(corpus, dialect, status, body, poll=False)


# --- the mock gateway --------------------------------------------------------


class Mock:
    def __init__(self, program):
        self.process = subprocess.Popen(
            [program, "--image-size", "16x16", "--pending-polls", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env=dict(os.environ, G_MESSAGES_DEBUG=""))
        self.base = {}
        deadline = time.time() + 10
        while time.time() < deadline and "key" not in self.base:
            line = self.process.stdout.readline()
            if not line:
                break
            word, value = line.split(None, 1)
            self.base[word] = value.strip()
        if "key" not in self.base:
            self.stop()
            sys.exit("make-corpus: the mock gateway did not start")
        self.key = self.base["key"]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def call(self, method, url, body=None, headers=None):
        parts = urllib.parse.urlsplit(url)
        assert parts.hostname in ("127.0.0.1", "127.0.0.2", "localhost")
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        path = parts.path + ("?" + parts.query if parts.query else "")
        data = json.dumps(body).encode() if body is not None else None
        all_headers = dict(headers or {})
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
        kept = [(n, v) for n, v in response.getheaders()
                if n.lower() not in ("date", "transfer-encoding", "connection")]
        connection.close()
        return response.status, response.reason, kept, payload


def submit(mock, dialect, prompt, stream=False, async_=False):
    base = mock.base[dialect]
    bearer = {"Authorization": "Bearer " + mock.key}
    if dialect == "openai":
        body = {"model": "gpt-image-2", "prompt": prompt, "size": "1024x1024", "n": 1}
        if stream:
            body.update(stream=True, partial_images=2)
        return mock.call("POST", base + "/images/generations", body, bearer)
    if dialect == "icodeeasy":
        body = {"model": "gpt-image-2", "prompt": prompt, "size": "1:1"}
        url = base + "/images/generations" + ("?async=1" if async_ else "")
        return mock.call("POST", url, body, bearer)
    if dialect == "yycode":
        headers = {"x-demo-base-url": "https://yycode.net", "x-demo-api-key": mock.key,
                   "x-demo-async": "1"}
        body = {"model": "gpt-image-2", "prompt": prompt, "n": 1, "size": "1024x1024"}
        return mock.call("POST", base + "/api/images/generate", body, headers)
    body = {"model": "gpt-image-2", "prompt": prompt, "ratio": "1:1", "resolution": "1k"}
    return mock.call("POST", base + "/v1/image2/images", body, bearer)


def poll(mock, dialect, remote_id):
    base = mock.base[dialect]
    quoted = urllib.parse.quote(remote_id, safe="")
    bearer = {"Authorization": "Bearer " + mock.key}
    if dialect == "icodeeasy":
        return mock.call("GET", base + "/images/tasks/" + quoted, None, bearer)
    if dialect == "yycode":
        return mock.call("GET", base + "/api/jobs/" + quoted)
    return mock.call("GET", base + "/v1/result/" + quoted, None, bearer)


def remote_id(dialect, payload):
    try:
        answer = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(answer, dict):
        return None
    return answer.get({"icodeeasy": "task_id", "yycode": "jobId", "aizfw": "id"}.get(dialect))


def record(corpus, dialect, is_poll, answer):
    status, reason, headers, payload = answer
    corpus.add("dialect", selector(dialect, is_poll)
               + http_response(status, headers, payload, reason))


def from_mock(corpus, program):
    mock = Mock(program)
    try:
        for dialect in DIALECTS:
            prompts = ["a lighthouse at dusk"] + ["a cat [fault:%s]" % f for f in SUBMIT_FAULTS]
            for prompt in prompts:
                for async_ in ([False, True] if dialect == "icodeeasy" else [False]):
                    # A sync answer would wait for a job that never ends.
                    if "never-ending" in prompt and dialect == "icodeeasy" and not async_:
                        continue
                    answer = submit(mock, dialect, prompt, async_=async_)
                    record(corpus, dialect, False, answer)
                    job = remote_id(dialect, answer[3]) if HAS_POLL[dialect] else None
                    # Poll the job to its end (a never-ending one twice).
                    for _ in range(3):
                        if not job:
                            break
                        answer = poll(mock, dialect, job)
                        record(corpus, dialect, True, answer)
                        try:
                            if json.loads(answer[3]).get("status") not in (
                                    "pending", "queued", "processing", "running"):
                                break
                        except (ValueError, AttributeError):
                            break
            # An unknown job, and a wrong key.
            if HAS_POLL[dialect]:
                record(corpus, dialect, True, poll(mock, dialect, "no-such-job"))
            saved = mock.key
            mock.key = "sk-wrong"
            record(corpus, dialect, False, submit(mock, dialect, "a cat"))
            mock.key = saved

        # openai streams: one plain, one with a fault in it.
        for prompt in ["a lighthouse at dusk", "a cat [fault:bad-base64]"]:
            status, reason, headers, payload = submit(mock, "openai", prompt, stream=True)
            if status == 200:
                add_stream(corpus, payload)
    finally:
        mock.stop()


# --- event streams, sizes, stored requests -----------------------------------


def add_stream(corpus, stream):
    if isinstance(stream, str):
        stream = stream.encode("utf-8")
    # fuzz-sse.c's three parameter bytes: a 1 MiB limit and the whole
    # stream at once; pieces of up to 64 bytes; a small limit, stopping
    # after two events and stealing data.
    corpus.add("sse", b"\xff\x00\x00" + stream)
    corpus.add("sse", b"\xff\x07\x00" + stream)
    corpus.add("sse", b"\x10\x2a\x12" + stream)


PNG_B64 = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJ"
           "RU5ErkJggg==")

STREAMS = [
    "data: hello\n\n",
    "event: image_generation.partial_image\r\ndata: {\"type\":\"image_generation.partial_image\","
    "\"b64_json\":\"%s\",\"partial_image_index\":0,\"output_format\":\"png\"}\r\n\r\n"
    "event: image_generation.completed\r\ndata: {\"type\":\"image_generation.completed\","
    "\"b64_json\":\"%s\",\"usage\":{\"input_tokens\":5,\"output_tokens\":10,"
    "\"total_tokens\":15}}\r\n\r\n" % (PNG_B64, PNG_B64),
    "event: image_edit.partial_image\ndata: {\"partial_image_index\":1,\ndata: \"b64_json\":"
    "\"data:image/webp;base64,%s\"}\n\n" % PNG_B64,
    "data: {\"type\":\"image_generation.completed\",\"b64_json\":\"%s\"}\n\ndata: [DONE]\n\n"
    % PNG_B64,
    "event: error\ndata: {\"error\":{\"type\":\"invalid_request_error\",\"code\":"
    "\"moderation_blocked\",\"message\":\"Your request was rejected by the safety system.\"}}\n\n",
    "data: {\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\"}\n\n",
    ": keep-alive\n\nid: 7\nretry: 1000\nevent: ping\ndata: {}\n\n",
    "\xef\xbb\xbf" "data: a\rdata: b\r\rdata: c\r\n\r\n",
    "event: image_generation.partial_image\ndata: not json\n\n",
    "event: image_generation.partial_image\ndata: {\"partial_image_index\":-1,"
    "\"b64_json\":\"AAAA\"}\n\n",
    "event: image_generation.completed\ndata: {\"b64_json\":\"\"}\n\ndata: cut",
]

SIZES = ["auto", "1024x1024", "1536x1024", "1024x1536", "2048x2048", "2048x1152", "3840x2160",
         "2160x3840", "1920x1080", "1080x1920", "1000x1000", "1024X1024", "1024×1024",
         "16x16", "3856x2160", "4096x1024", "999999999x1", "0x1024", "01024x1024", "1024x",
         "x1024", "1024x1024x1024", "-1024x1024", "1024 x 1024", "1:1", "3:2", "2:3", "4:3", "3:4",
         "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "21:9", "9:21", "7:3", "1k", "2K", "4k",
         "8k", "", "AUTO"]


def stored(**fields):
    base = {"prompt": "a lighthouse at dusk", "model": None, "size": "auto",
            "resolution": "1k", "quality": "auto", "output_format": "png",
            "output_compression": -1, "background": "auto", "moderation": "auto", "n": 1,
            "references": [], "mask": None, "stream": False, "partial_images": 0,
            "async": False}
    base.update(fields)
    return json.dumps(base, ensure_ascii=False, separators=(",", ":"))


def reference(kind, location, filename=None, mime_type=None, **extra):
    value = {"kind": kind, "location": location, "filename": filename, "mime_type": mime_type}
    value.update(extra)
    return value


STORED_REQUESTS = [
    stored(),
    stored(prompt="一只猫", size="1536x1024", quality="high", output_format="jpeg",
           output_compression=85, n=2),
    stored(size="16:9", resolution="2k", model="gpt-image-2-r"),
    stored(size="21:9", resolution="4k", background="opaque", moderation="low"),
    stored(stream=True, partial_images=2, output_format="webp"),
    stored(size="3:2", resolution="1k", **{"async": True}),
    stored(references=[reference("url", "https://example.com/photo.png", "photo.png")]),
    stored(references=[reference("data-url", "data:image/png;base64," + PNG_B64, "image",
                                 "image/png")]),
    stored(references=[reference("data-url", "data:image/png;base64," + PNG_B64, "image",
                                 "image/png")],
           mask=reference("data-url", "data:image/png;base64," + PNG_B64, "image",
                          "image/png")),
    stored(references=[reference("file", "/tmp/easel-fuzz/none.png", "none.png", "image/png")]),
    stored(references=[reference("bytes", None, "image-1.png", "image/png", byte_size=1234)]),
    stored(background="transparent", model="gpt-image-2"),
    stored(n=0),
    stored(prompt=" \t "),
    '{"prompt":"only a prompt"}',
    '{"prompt":"x","n":1.5}',
    '{"prompt":"x","references":{}}',
    '{"prompt":"x","references":[{"kind":"url","location":"http://example.com/a.png"}]}',
    '[]',
]


def from_hand(corpus):
    for stream in STREAMS:
        add_stream(corpus, stream)
    for size in SIZES:
        corpus.add("size", size)
    for text in STORED_REQUESTS:
        corpus.add("request", text)

    # json-lift: answers with a literal past 64 KiB once expanded (0xFF k
    # repeats the byte before it; see fuzz-json-lift.c).
    lifts = [
        b'{"data":[{"b64_json":"A\xff\x08"}]}',
        b'{"images":[{"b64":"iVBO\xff\x00","mimeType":"image/png"}],"status":"succeeded","jobId":"j"}',
        b'{"data":[{"b64_json":"\\\\\xff\x09"}],"usage":{"input_tokens":1}}',
        b'{"data":[{"b64_json":"A\xff\x08\\u00e9\\ud83d\\ude00\\n\\"x"}]}',
        b'{"a":"x\xff\x0f","b":"y\xff\x01"}',
        b'{"A\xff\x08":1}',
        b'{"error":{"message":"m\xff\x08"}}',
        b'["\xff\x08"]',
        b'{"a":"\xe6\x97\xa5\xff\x08"}',
        b'{"data":[{"b64_json":"A\xff\x08"}]} {"data":[]}',
    ]
    for lift in lifts:
        corpus.add("json-lift", lift)

    # dialect: answers no seed shows.
    odd = [
        ("openai", 200, '{"data":[{"b64_json":"data:image/jpeg;base64,AAAA"}],'
                        '"usage":{"input_tokens":1e300,"output_tokens":-1,"total_tokens":2.0}}'),
        ("openai", 200, '{"data":[{"url":"https://example.com/a.png"},{"url":""}]}'),
        ("openai", 200, '{"data":null,"error":{"message":"filtered"}}'),
        ("yycode", 200, '{"ok":true,"pending":true,"jobId":"..","status":"queued"}'),
        ("yycode", 200, '{"ok":true,"pending":true,"jobId":"a/b?c#d","status":"working"}'),
        ("icodeeasy", 200, '{"task_id":"t","status":"completed","result_url":"http://x/a.png",'
                           '"cost":1e999}'),
        ("aizfw", 200, '{"id":"image_1","status":"mystery","error":null}'),
    ]
    for dialect, status, body in odd:
        add_answer(corpus, dialect, status, body)
    headers = [
        [("Content-Type", "text/html; charset=utf-8")],
        [("Content-Type", "application/json"), ("Retry-After", "2")],
        [("Content-Type", "application/json"), ("Retry-After", "Wed, 31 Dec 2025 23:59:00 GMT")],
        [("Content-Type", "application/json"), ("retry-after-ms", "1500.5")],
        [("Content-Type", "application/json"), ("Retry-After", "1e300")],
        [("Content-Type", "application/json"), ("x-should-retry", "true")],
    ]
    for h in headers:
        add_answer(corpus, "openai", 429, '{"error":{"message":"slow down"}}', headers=h)
    add_answer(corpus, "openai", 502,
               "<html><head><title>502 Bad Gateway</title></head></html>",
               headers=[("Content-Type", "text/html")])


# --- mask PNGs -----------------------------------------------------------------


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xffffffff)


def png(width, height, color_type, rows, bit_depth=8, extra=b"", interlace=0):
    """A PNG from raw scanlines (each already starting with its filter byte)."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + extra
            + png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + png_chunk(b"IEND", b""))


def rgba_rows(width, height, alpha):
    return [b"\x00" + b"".join(bytes([x * 4 % 256, y * 8 % 256, 128, alpha(x, y)])
                               for x in range(width)) for y in range(height)]


def add_mask(corpus, width, height, data, raw_crcs=False):
    # fuzz-mask-png.c's two parameter bytes: the first image's size.
    first = ((width - 1) & 63) | (64 if raw_crcs else 0)
    corpus.add("mask-png", bytes([first, (height - 1) & 63]) + data)


def from_pngs(corpus):
    half = lambda x, y: 0 if x < 4 else 255
    hole = lambda x, y: 0 if (x, y) == (1, 1) else 255
    soft = lambda x, y: (x * 37 + y * 11) % 256
    masks = [
        (8, 8, png(8, 8, 6, rgba_rows(8, 8, half))),                  # RGBA, half to redraw
        (3, 3, png(3, 3, 6, rgba_rows(3, 3, hole))),                  # one transparent pixel
        (16, 9, png(16, 9, 6, rgba_rows(16, 9, soft))),               # soft edges
        (4, 4, png(8, 8, 6, rgba_rows(8, 8, half))),                  # scaled down
        (12, 6, png(8, 8, 6, rgba_rows(8, 8, half))),                 # scaled, other shape
        (8, 8, png(8, 8, 6, rgba_rows(8, 8, lambda x, y: 255))),      # all opaque: refused
        (8, 8, png(8, 8, 6, rgba_rows(8, 8, lambda x, y: 0))),        # all to redraw
        (8, 8, png(8, 8, 2, [b"\x00" + b"\x10\x20\x30" * 8] * 8)),     # RGB: no alpha
        (8, 8, png(8, 8, 4, [b"\x00" + b"\x80\x00\x80\xff" * 4] * 8)),  # grey + alpha
        (8, 8, png(8, 8, 3, [b"\x00" + bytes([x % 2 for x in range(8)])] * 8,
                   extra=png_chunk(b"PLTE", b"\x00\x00\x00\xff\xff\xff")
                   + png_chunk(b"tRNS", b"\x00\xff"))),                # palette, tRNS alpha
        (8, 8, png(8, 8, 6, [b"\x00" + b"\x00\x00\x00\x00\x00\x00\x80\x00" * 8] * 8,
                   bit_depth=16)),                                   # 16-bit RGBA
        (8, 8, png(8, 8, 6, [b"\x01" + b"\x00\x00\x00\x40" * 8] * 8)),  # sub filter
        (5, 5, png(5, 5, 6, rgba_rows(5, 5, soft), interlace=1)),     # Adam7
        (8, 8, png(20000, 1, 6, rgba_rows(1, 1, half))),              # past the side cap
        (8, 8, png(8, 8, 6, rgba_rows(8, 8, half))[:60]),            # cut short
        (8, 8, b"\xff\xd8\xff\xe0" + b"\x00" * 16),                      # a JPEG's start
    ]
    for width, height, data in masks:
        add_mask(corpus, width, height, data)
    add_mask(corpus, 8, 8, png(8, 8, 6, rgba_rows(8, 8, half)), raw_crcs=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", required=True, help="the gateway documents")
    parser.add_argument("--mock", required=True, help="the easel-mock program")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "corpus"))
    args = parser.parse_args()

    # Made inputs are named by their SHA-1 and made again; the regress-*
    # inputs (what the fuzzers found, kept by hand) stay.
    for target in ("dialect", "sse", "size", "request", "json-lift", "mask-png"):
        folder = os.path.join(args.out, target)
        for name in os.listdir(folder) if os.path.isdir(folder) else []:
            if re.fullmatch(r"[0-9a-f]{40}", name):
                os.remove(os.path.join(folder, name))

    corpus = Corpus(args.out)
    from_seeds(corpus, args.seeds)
    from_mock(corpus, args.mock)
    from_hand(corpus)
    from_pngs(corpus)
    for target in sorted(corpus.counts):
        print("%-10s %4d inputs" % (target, corpus.counts[target]))


if __name__ == "__main__":
    main()
