"""Reading libFuzzer's stderr: the status lines of a run, the artifacts it
wrote, and the signature of a failure report (what deduplicates findings)."""

import re

# "#4096	pulse  cov: 812 ft: 2101 corp: 61/3907b lim: 43 exec/s: 2048 rss: 45Mb"
_STATUS = re.compile(
    r"^#(\d+)\s+([A-Z_a-z]+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/\S+"
    r"(?: lim: \d+)? exec/s: (\d+) rss: (\d+)Mb")
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_FINAL_EXECS = re.compile(r"^stat::number_of_executed_units: (\d+)")
_TERN = re.compile(r"^==tern-finding== ([^:]+): (.*)$")
_SANITIZER = re.compile(
    r"^==\d+==ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer|"
    r"ThreadSanitizer|UndefinedBehaviorSanitizer): ([\w-]+)")
_UBSAN = re.compile(r"^(\S+?):(\d+):\d+: runtime error: (.*)$")
_LIBFUZZER = re.compile(r"^==\d+== ERROR: libFuzzer: ([^(\n]*)")
_FRAME = re.compile(r"^\s*#(\d+) 0x[0-9a-f]+ in (.+?) (\S+)$")
_DIGITS = re.compile(r"\d+")


class Status:
    __slots__ = ("execs", "event", "cov", "ft", "corpus", "exec_s", "rss_mb")

    def __init__(self, execs, event, cov, ft, corpus, exec_s, rss_mb):
        self.execs, self.event, self.cov, self.ft = execs, event, cov, ft
        self.corpus, self.exec_s, self.rss_mb = corpus, exec_s, rss_mb


def parse_status(line):
    """A libFuzzer status line, or None."""
    m = _STATUS.match(line)
    if not m:
        return None
    g = m.groups()
    return Status(int(g[0]), g[1], int(g[2]), int(g[3]), int(g[4]),
                  int(g[5]), int(g[6]))


def parse_artifact(line):
    """The path of an input libFuzzer saved (crash-, timeout-, ...), or None."""
    m = _ARTIFACT.search(line)
    return m.group(1) if m else None


def parse_final_execs(line):
    m = _FINAL_EXECS.match(line)
    return int(m.group(1)) if m else None


def _function(frame_text):
    """`tern::Foo(int) const` -> `tern::Foo`: argument lists vary with
    nothing but the compiler's spelling."""
    depth, out = 0, []
    for c in frame_text:
        if c == "(":
            if depth == 0 and out and "operator" not in "".join(out[-8:]):
                break
            depth += 1
        elif c == ")":
            depth -= 1
        out.append(c)
    return "".join(out).strip()


# Frames of the machinery, not of the code under test.
_NOISE = ("__sanitizer", "__asan", "__ubsan", "__lsan", "__interceptor",
          "abort", "raise", "fuzzer::", "__libc_start", "_start", "main",
          "malloc", "calloc", "realloc", "free", "operator new",
          "operator delete", "__cxa", "std::", "__gnu_cxx", "gsignal",
          "LLVMFuzzerTestOneInput", "tern::fuzz::ReportFinding")


def _top_frames(lines, start, count=3):
    frames = []
    for line in lines[start:]:
        m = _FRAME.match(line)
        if not m:
            if frames and not line.strip():
                break
            continue
        fn = _function(m.group(2))
        if any(fn.startswith(n) or fn == n for n in _NOISE):
            continue
        frames.append(fn)
        if len(frames) == count:
            break
    return frames


def signature(text):
    """The signature of a failure report (a fuzz target's stderr), or None if
    it holds no failure: the oracle's own `==tern-finding==` line when there
    is one, else the sanitizer's or libFuzzer's kind plus the top frames of
    the code under test (never addresses, line numbers of the machinery or
    values)."""
    lines = text.splitlines()
    for line in lines:
        m = _TERN.match(line)
        if m:
            return m.group(2).strip()
    for i, line in enumerate(lines):
        m = _UBSAN.match(line)
        if m:
            what = _DIGITS.sub("N", m.group(3))
            what = re.sub(r"'[^']*'", "T", what)[:80]
            frames = _top_frames(lines, i + 1)
            return "ubsan: %s at %s in %s" % (
                what, m.group(1).split("/")[-1], " < ".join(frames) or "?")
        m = _SANITIZER.match(line)
        if m:
            tool = {"AddressSanitizer": "asan", "LeakSanitizer": "lsan",
                    "MemorySanitizer": "msan", "ThreadSanitizer": "tsan",
                    "UndefinedBehaviorSanitizer": "ubsan"}[m.group(1)]
            kind = m.group(2)
            if kind == "detected":
                kind = "memory-leak"
            frames = _top_frames(lines, i + 1)
            return "%s: %s in %s" % (tool, kind, " < ".join(frames) or "?")
        m = _LIBFUZZER.match(line)
        if m:
            # "deadly signal", "timeout after 3 seconds", "out-of-memory
            # (malloc(123))", "fuzz target exited": the words, no numbers.
            words = [w for w in m.group(1).split() if not w.isdigit()]
            if words[:1] == ["timeout"]:
                words = ["timeout"]
            kind = "-".join(words)
            frames = _top_frames(lines, i + 1)
            return "libfuzzer: %s in %s" % (kind, " < ".join(frames) or "?")
    return None


def report_excerpt(text, limit=60):
    """The part of a run's stderr that tells about its failure."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if (line.startswith("==tern-finding==") or "ERROR:" in line
                or "runtime error:" in line):
            return "\n".join(lines[i:i + limit])
    return "\n".join(lines[-limit:])
