#!/usr/bin/env python3
"""A local stand-in for the arXiv API (export.arxiv.org/api/query) for the tests.

Answers GET <path>?id_list=a,b&max_results=N with an Atom feed written the way the arXiv API
user manual describes it: a <feed> with OpenSearch totals and one <entry> per known id (id URL
with a version, published, title and summary as given, wrapped lines kept, <author><name>,
arxiv:comment, links, categories). An id it does not know gets no entry (arXiv's answer today);
an id that is not an arXiv id gets arXiv's error entry.

Usage: arxiv_server.py PAPERS.json LOG [--tls CERT KEY] [--busy N] [--slow S] [--malformed]
PAPERS.json maps ids to {"title", "authors": [...], "summary", "published", "comment"}.
Prints the port it listens on (127.0.0.1), then serves until killed. Appends one JSON line per
request to LOG: {"time": monotonic seconds, "path", "ids": [...], "user_agent"}.
"""
import json
import re
import ssl
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

ARGS = sys.argv[1:]
PAPERS = json.load(open(ARGS[0], encoding="utf-8"))
LOG = ARGS[1]
BUSY = int(ARGS[ARGS.index("--busy") + 1]) if "--busy" in ARGS else 0
SLOW = float(ARGS[ARGS.index("--slow") + 1]) if "--slow" in ARGS else 0.0
MALFORMED = "--malformed" in ARGS
ID_RE = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$")
STATE = {"requests": 0}


def entry(arxiv_id, paper):
    authors = "".join(
        f"    <author>\n      <name>{escape(a)}</name>\n    </author>\n" for a in paper["authors"])
    comment = paper.get("comment")
    comment_xml = f"    <arxiv:comment>{escape(comment)}</arxiv:comment>\n" if comment else ""
    published = paper.get("published", "20" + arxiv_id[:2] + "-" + arxiv_id[2:4] + "-01T00:00:00Z")
    return (
        "  <entry>\n"
        f"    <id>http://arxiv.org/abs/{arxiv_id}v1</id>\n"
        f"    <updated>{published}</updated>\n"
        f"    <published>{published}</published>\n"
        f"    <title>{escape(paper['title'])}</title>\n"
        f"    <summary>  {escape(paper.get('summary', ''))}\n</summary>\n"
        f"{authors}{comment_xml}"
        f'    <link href="http://arxiv.org/abs/{arxiv_id}v1" rel="alternate" type="text/html"/>\n'
        f'    <link title="pdf" href="http://arxiv.org/pdf/{arxiv_id}v1" rel="related" '
        'type="application/pdf"/>\n'
        '    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" '
        'scheme="http://arxiv.org/schemas/atom"/>\n'
        '    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>\n'
        "  </entry>\n")


def error_entry(bad_id):
    return (
        "  <entry>\n"
        f"    <id>http://arxiv.org/api/errors#incorrect_id_format_for_{escape(bad_id)}</id>\n"
        "    <title>Error</title>\n"
        f"    <summary>incorrect id format for {escape(bad_id)}</summary>\n"
        "    <updated>2026-11-30T00:00:00-05:00</updated>\n"
        f'    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_{escape(bad_id)}" '
        'rel="alternate" type="text/html"/>\n'
        "    <author>\n      <name>arXiv api core</name>\n    </author>\n"
        "  </entry>\n")


def feed(query, ids):
    bad = [i for i in ids if not ID_RE.match(i)]
    entries = [error_entry(bad[0])] if bad else [entry(i, PAPERS[i]) for i in ids if i in PAPERS]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        f'  <link href="http://arxiv.org/api/query?{escape(query)}" rel="self" '
        'type="application/atom+xml"/>\n'
        f'  <title type="html">ArXiv Query: {escape(query)}</title>\n'
        "  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>\n"
        "  <updated>2026-11-30T00:00:00-05:00</updated>\n"
        '  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
        f"{len(entries)}</opensearch:totalResults>\n"
        '  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0'
        "</opensearch:startIndex>\n"
        '  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
        f"{len(ids)}</opensearch:itemsPerPage>\n"
        + "".join(entries) + "</feed>\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # the request log is LOG, not stderr
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        ids = [i for i in ",".join(query.get("id_list", [])).split(",") if i]
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"time": time.monotonic(), "path": url.path, "ids": ids,
                                  "max_results": query.get("max_results", [""])[0],
                                  "user_agent": self.headers.get("User-Agent", "")}) + "\n")
        STATE["requests"] += 1
        if STATE["requests"] <= BUSY:
            self.answer(503, b"Service temporarily unavailable", {"Retry-After": "1"})
            return
        if SLOW:
            time.sleep(SLOW)
        if MALFORMED:
            self.answer(200, b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                             b"\n  <entry><title>Cut off", {})
            return
        self.answer(200, feed(url.query, ids).encode("utf-8"),
                    {"Content-Type": "application/atom+xml; charset=utf-8"})

    def answer(self, status, body, headers):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if "--tls" in ARGS:
        at = ARGS.index("--tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(ARGS[at + 1], ARGS[at + 2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
