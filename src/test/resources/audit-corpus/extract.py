#!/usr/bin/env python3
"""Extracts gitleaks' rule tests (true and false positives) into gitleaks-rules.tsv.

Usage: extract.py GITLEAKS_CHECKOUT COMMIT > gitleaks-rules.tsv

Only the rules for the token shapes the audit claims are read. A test value gitleaks builds with
secrets.NewSecret(...) is generated here from its pattern with a fixed seed, so the file is
stable. Values that need more of Go than literals, '+', NewSecret, Sprintf("%s") and
GenerateSampleSecret(s) are skipped and counted on stderr.
"""
import random
import re
import subprocess
import sys

RULES = {  # file: {function: kind}
    "github.go": {"GitHubPat": "GITHUB", "GitHubFineGrainedPat": "GITHUB", "GitHubOauth": "GITHUB",
                  "GitHubApp": "GITHUB", "GitHubRefresh": "GITHUB"},
    "slack.go": {f: "SLACK" for f in ["SlackBotToken", "SlackUserToken", "SlackAppLevelToken",
                                      "SlackConfigurationToken", "SlackConfigurationRefreshToken",
                                      "SlackLegacyBotToken", "SlackLegacyWorkspaceToken",
                                      "SlackLegacyToken", "SlackWebHookUrl"]},
    "aws.go": {"AWS": "AWS-ACCESS-KEY"},
    "stripe.go": {"StripeAccessToken": "STRIPE"},
    "gcp.go": {"GCPAPIKey": "GOOGLE-API-KEY"},
    "azure.go": {"AzureActiveDirectoryClientSecret": "AZURE-AD-SECRET"},
    "jwt.go": {"JWT": "JWT"},
    "privatekey.go": {"PrivateKey": "PRIVATE-KEY"},
    "postman.go": {"PostManAPI": "POSTMAN-API-KEY"},
}

HELPERS = {"Numeric": "[0-9]{%s}", "Hex": "[a-f0-9]{%s}", "AlphaNumeric": "[a-z0-9]{%s}",
           "AlphaNumericExtendedShort": "[a-z0-9_-]{%s}", "AlphaNumericExtended": "[a-z0-9=_\\-]{%s}",
           "AlphaNumericExtendedLong": "[a-z0-9\\/=_\\+\\-]{%s}"}

rng = random.Random(20261202)
skipped = 0


class Unsupported(Exception):
    pass


def generate(pattern):
    """A random string for a pattern of literals, [class]{n}, \\w{n} and \\d{n} parts."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "[":
            j = pattern.index("]", i + 1)
            chars = expand(pattern[i + 1:j])
            i = j + 1
        elif c == "\\" and pattern[i + 1] in "wd":
            chars = expand("A-Za-z0-9_" if pattern[i + 1] == "w" else "0-9")
            i += 2
        else:
            if c == "\\":
                i += 1
            out.append(pattern[i])
            i += 1
            continue
        m = re.match(r"\{(\d+)(?:,(\d+))?\}", pattern[i:])
        if not m:
            raise Unsupported(pattern)
        n = int(m.group(1))
        i += len(m.group(0))
        out.append("".join(rng.choice(chars) for _ in range(n)))
    return "".join(out)


def expand(cls):
    chars, i = [], 0
    while i < len(cls):
        c = cls[i]
        if c == "\\":
            nxt = cls[i + 1]
            chars.extend(expand("A-Za-z0-9_") if nxt == "w" else expand("0-9") if nxt == "d" else [nxt])
            i += 2
        elif i + 2 < len(cls) and cls[i + 1] == "-":
            chars.extend(chr(x) for x in range(ord(c), ord(cls[i + 2]) + 1))
            i += 3
        else:
            chars.append(c)
            i += 1
    return chars


TOKEN = re.compile(r'(?:\s|//[^\n]*)*(`[^`]*`|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z0-9_.]*|[(),+])', re.S)


def tokens(text):
    pos, out = 0, []
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise Unsupported(text[pos:pos + 20])
        out.append(m.group(1))
        pos = m.end()
        if not re.sub(r"//[^\n]*", "", text[pos:]).strip():
            break
    return out


def literal(tok):
    if tok.startswith("`"):
        return tok[1:-1]
    body = tok[1:-1]
    return re.sub(r'\\(x[0-9a-fA-F]{2}|.)', lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(
        m.group(1), chr(int(m.group(1)[1:], 16)) if m.group(1).startswith("x") else m.group(1)), body)


def evaluate(toks):
    """Evaluates a restricted Go expression; returns (value, rest)."""
    value, toks = term(toks)
    while toks and toks[0] == "+":
        more, toks = term(toks[1:])
        value += more
    return value, toks


def args(toks):
    assert toks[0] == "("
    toks, values = toks[1:], []
    while toks[0] != ")":
        v, toks = evaluate(toks)
        values.append(v)
        if toks[0] == ",":
            toks = toks[1:]
    return values, toks[1:]


def term(toks):
    t = toks[0]
    if t[0] in "`\"":
        return literal(t), toks[1:]
    name = t
    if name in ("secrets.NewSecret", "fmt.Sprintf", "utils.GenerateSampleSecret",
                "utils.GenerateSampleSecrets") or name.startswith("utils."):
        values, rest = args(toks[1:])
        helper = name.split(".")[-1]
        if name == "secrets.NewSecret":
            return generate(values[0]), rest
        if helper in HELPERS:
            return HELPERS[helper] % values[0], rest
        if name == "fmt.Sprintf":
            fmt = values[0]
            if re.search(r"%[^s%]", fmt):
                raise Unsupported(fmt)
            for v in values[1:]:
                fmt = fmt.replace("%s", v, 1)
            return fmt, rest
        if helper in ("GenerateSampleSecret", "GenerateSampleSecrets"):
            return values[1], rest
        if helper == "Hex8_4_4_4_12":
            return "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", rest
    raise Unsupported(name)


def values_in(block):
    """Each comma-separated expression of a Go slice literal or append(...) argument list."""
    global skipped
    out = []
    toks = tokens(block)
    while toks:
        if toks[0] in (",", "tps", "fps", ")", "("):
            toks = toks[1:]
            continue
        try:
            v, toks = evaluate(toks)
            out.append(v)
        except (Unsupported, IndexError, ValueError):
            skipped += 1
            depth = 0  # skip to the next top-level comma
            while toks and not (toks[0] == "," and depth == 0):
                depth += toks[0] == "("
                depth -= toks[0] == ")"
                toks = toks[1:]
    return out


def cases(source, function):
    body = re.search(r"func %s\(\).*?\n}\n" % function, source, re.S).group(0)
    found = {"tp": [], "fp": []}
    for kind, start in (("tp", r"tps\s*:?=\s*"), ("fp", r"fps\s*:?=\s*")):
        for m in re.finditer(start, body):
            rest = body[m.end():]
            if rest.startswith("[]string{"):
                inner = balanced(rest[len("[]string"):], "{", "}")
            elif rest.startswith("append("):
                inner = balanced(rest[len("append"):], "(", ")")
                inner = re.sub(r"^\s*[tf]ps\s*,", "", inner)
                inner = inner.replace("...", "")
            elif rest.startswith("utils."):
                inner = rest[:rest.index("\n")]
            else:
                continue
            found[kind].extend(values_in(inner))
    return found


def balanced(text, open_, close):
    depth, i, inside = 0, 0, None
    while i < len(text):
        c = text[i]
        if inside:
            if c == "\\" and inside == '"':
                i += 1
            elif c == inside:
                inside = None
        elif c == "/" and text[i + 1:i + 2] == "/":
            i = text.find("\n", i)
            if i < 0:
                break
        elif c in "`\"":
            inside = c
        elif c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return text[1:i]
        i += 1
    raise Unsupported("unbalanced")


def escape(value):
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    checkout, commit = sys.argv[1], sys.argv[2]
    print("# gitleaks rule tests (https://github.com/gitleaks/gitleaks, MIT licence), commit " + commit)
    print("# kind\texpect\tfunction\tvalue (\\\\, \\t, \\n, \\r escaped)")
    for file, functions in RULES.items():
        source = subprocess.run(["git", "-C", checkout, "show", commit + ":cmd/generate/config/rules/" + file],
                                capture_output=True, text=True, check=True).stdout
        for function, kind in functions.items():
            for expect, values in cases(source, function).items():
                for value in values:
                    print("\t".join([kind, expect, function, escape(value)]))
    print("skipped %d values" % skipped, file=sys.stderr)


main()
