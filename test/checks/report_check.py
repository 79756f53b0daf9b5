#!/usr/bin/python3
"""Check report_html documents: valid HTML5, well-formed, a known vocabulary, no withheld value.

For each document:
  - HTML validity: Debian's tidy (HTML5 mode, warnings count as failures).
    tidy knows HTML5 but passes over what is inside inline SVG, so the
    document is also parsed as XML (report_html writes polyglot markup:
    closed elements, quoted attributes, XML entities only), and every element
    must be one report_html draws (a misspelt or unexpected element, an
    event handler or a link out of the page fails), with well-formed numbers
    in the SVG geometry;
  - structure: one title, a Content-Security-Policy allowing no outside
    resource, unique ids, every in-page link pointing at an id, every chart an
    svg role="img" with a title and a description first, in a figure with its
    data table, every table with a caption and column headers.
With --withheld FILE (JSON: [{"key": row name, "withheld": [values], "shown":
[values]}], made from the published and unsuppressed views), the document
must not show a withheld value in a table row or a chart tooltip of that
row (a value also published in the same row is not counted), and there must
be such values to look for.  With --expect-leak the document is one made
with full figures, and must show at least one of them: the check can fail.

Prints a TAP stream and exits non-zero on any failure.

Usage: test/checks/report_check.py [--withheld FILE.json [--expect-leak]] REPORT.html ...
"""
import argparse
import json
import math
import re
import subprocess
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402  (test/lib/tap.py)

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
HTML_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "nav", "ol", "li", "a",
                 "main", "section", "figure", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "footer"}
SVG_ELEMENTS = {"svg", "title", "desc", "g", "rect", "line", "circle", "text", "polyline"}
GEOMETRY = {"x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r"}
NUMBER = re.compile(r"-?\d+(\.\d+)?$")


def text_of(element):
    return "".join(element.itertext()).strip()


def tidy_check(path):
    run = subprocess.run(["tidy", "-q", "-e", "--show-warnings", "yes", "--gnu-emacs", "yes", path],
                         capture_output=True, text=True)
    messages = (run.stdout + run.stderr).strip()
    return run.returncode == 0 and not messages, messages


def structure_problems(root):
    problems = []
    ids = {}
    for element in root.iter():
        tag = element.tag
        if tag.startswith(XHTML):
            name = tag[len(XHTML):]
            if name not in HTML_ELEMENTS:
                problems.append("unexpected HTML element <%s>" % name)
        elif tag.startswith(SVG):
            name = tag[len(SVG):]
            if name not in SVG_ELEMENTS:
                problems.append("unexpected SVG element <%s>" % name)
            for attribute in GEOMETRY & set(element.attrib):
                value = element.attrib[attribute]
                if not NUMBER.match(value) or not math.isfinite(float(value)):
                    problems.append("<%s %s=\"%s\"> is not a number" % (name, attribute, value))
                elif attribute in ("width", "height", "r") and float(value) < 0:
                    problems.append("<%s %s=\"%s\"> is negative" % (name, attribute, value))
            if name == "polyline" and not re.match(r"^-?[\d.]+,-?[\d.]+( -?[\d.]+,-?[\d.]+)+$", element.get("points", "")):
                problems.append("polyline points \"%s\" are not a list of x,y pairs" % element.get("points"))
        else:
            problems.append("element %s in no known namespace" % tag)
        for attribute, value in element.attrib.items():
            if attribute.lower().startswith("on"):
                problems.append("event handler %s" % attribute)
            if attribute in ("src", "href") and not value.startswith("#"):
                problems.append("%s=\"%s\" leaves the page" % (attribute, value))
            if attribute == "id":
                ids[value] = ids.get(value, 0) + 1
    problems += ["id \"%s\" used %d times" % (i, n) for i, n in ids.items() if n > 1]
    for link in root.iter(XHTML + "a"):
        if link.get("href", "#")[1:] not in ids:
            problems.append("link to missing #%s" % link.get("href", "")[1:])
    return problems


def withheld_leaks(root, rows):
    """Withheld values shown in a table row or a chart tooltip named by the row's key."""
    shown = {}
    for tr in root.iter(XHTML + "tr"):
        cells = [text_of(c) for c in tr if c.tag in (XHTML + "th", XHTML + "td")]
        if cells:
            shown.setdefault(cells[0], set()).update(cells[1:])
    for title in root.iter(SVG + "title"):
        text = text_of(title)
        if ": " in text:
            key, rest = text.split(": ", 1)
            shown.setdefault(key, set()).update(re.findall(r"-?[\d,]+(?:\.\d+)?", rest))
    leaks, checked = [], 0
    for row in rows:
        candidates = set(row["withheld"]) - set(row.get("shown") or [])
        checked += len(candidates)
        for value in sorted(candidates & shown.get(row["key"], set())):
            leaks.append("%s: %s" % (row["key"], value))
    return leaks, checked


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reports", nargs="+")
    parser.add_argument("--withheld")
    parser.add_argument("--expect-leak", action="store_true")
    args = parser.parse_args()
    rows = None
    if args.withheld:
        with open(args.withheld) as source:
            rows = json.load(source) or []
    results = []
    for path in args.reports:
        name = path.rsplit("/", 1)[-1]
        ok, messages = tidy_check(path)
        results.append((ok, "%s: tidy finds no error or warning %s" % (name, "; ".join(messages.splitlines()[:3]))))
        with open(path, encoding="utf-8") as source:
            html = source.read()
        results.append((html.startswith("<!DOCTYPE html>\n"), "%s: starts with the HTML5 doctype" % name))
        try:
            root = ET.fromstring(html)
        except ET.ParseError as error:
            results.append((False, "%s: is well-formed XML (%s)" % (name, error)))
            continue
        results.append((True, "%s: is well-formed XML" % name))
        problems = structure_problems(root)
        results.append((not problems, "%s: only the elements and attributes report_html draws %s" % (name, problems[:5] or "")))

        head = root.find(XHTML + "head")
        csp = [m.get("content", "") for m in head.iter(XHTML + "meta") if m.get("http-equiv") == "Content-Security-Policy"]
        results.append((csp == ["default-src 'none'; style-src 'unsafe-inline'"],
                        "%s: its Content-Security-Policy allows no outside resource" % name))
        results.append((bool(text_of(head.find(XHTML + "title"))), "%s: has a title" % name))

        charts = list(root.iter(SVG + "svg"))
        untitled = [c.get("id") for c in charts
                    if c.get("role") != "img" or len(c) < 2 or c[0].tag != SVG + "title" or c[1].tag != SVG + "desc"
                    or not text_of(c[0]) or not text_of(c[1])]
        results.append((charts and not untitled,
                        "%s: %d charts, each svg role=img with a title and a description first %s"
                        % (name, len(charts), untitled or "")))
        figures = [f for f in root.iter(XHTML + "figure") if f.find(".//" + SVG + "svg") is not None]
        lonely = [f.find(".//" + SVG + "svg").get("id") for f in figures if f.find(".//" + XHTML + "table") is None]
        results.append((len(figures) == len(charts) and not lonely,
                        "%s: every chart is in a figure with its data table %s" % (name, lonely or "")))
        tables = list(root.iter(XHTML + "table"))
        bare = [i for i, t in enumerate(tables)
                if t.find(XHTML + "caption") is None or t.find(XHTML + "thead") is None
                or any(th.get("scope") != "col" for th in t.find(XHTML + "thead").iter(XHTML + "th"))]
        results.append((tables and not bare, "%s: %d tables, each with a caption and column headers" % (name, len(tables))))

        if rows is not None:
            leaks, checked = withheld_leaks(root, rows)
            if args.expect_leak:
                results.append((bool(leaks), "%s: full figures show withheld values (%d of %d found), so the check can fail"
                                % (name, len(leaks), checked)))
            else:
                results.append((checked > 0 and not leaks, "%s: none of %d withheld values is shown %s"
                                % (name, checked, leaks[:5] or "")))

    return tap.report(results)


if __name__ == "__main__":
    sys.exit(main())
