#!/usr/bin/env python3
"""Extracts Nosey Parker's rule examples (positives only) into noseyparker-examples.tsv.

Usage: extract-noseyparker.py NOSEYPARKER_CHECKOUT COMMIT > noseyparker-examples.tsv

Only the rules for the token shapes the audit claims are read. Its negative examples are values
another rule finds, not placeholders, so they are not used. An example that is a placeholder
(Nosey Parker's rules match some) is listed as a negative here, named in PLACEHOLDERS.
"""
import subprocess
import sys

import yaml

RULES = {
    "github.yml": {"GitHub Personal Access Token": "GITHUB", "GitHub OAuth Access Token": "GITHUB",
                   "GitHub App Token": "GITHUB", "GitHub Refresh Token": "GITHUB",
                   "GitHub Personal Access Token (fine-grained permissions)": "GITHUB"},
    "slack.yml": {"Slack Bot Token": "SLACK", "Slack User Token": "SLACK", "Slack App Token": "SLACK",
                  "Slack Legacy Bot Token": "SLACK", "Slack Webhook": "SLACK"},
    "aws.yml": {"AWS API Key": "AWS-ACCESS-KEY"},
    "stripe.yml": {"Stripe API Key": "STRIPE", "Stripe API Test Key": "STRIPE"},
    "google.yml": {"Google API Key": "GOOGLE-API-KEY"},
    "jwt.yml": {"JSON Web Token (base64url-encoded)": "JWT"},
    "pem.yml": {"PEM-Encoded Private Key": "PRIVATE-KEY"},
    "postman.yml": {"Postman API Key": "POSTMAN-API-KEY"},
}

# Examples that are placeholders by the audit's documented rules (a run of one character, ABCDEFGH).
PLACEHOLDERS = ["xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx", "A3T0ABCDEFGHIJKLMNOP"]


def escape(value):
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    checkout, commit = sys.argv[1], sys.argv[2]
    print("# Nosey Parker rule examples (https://github.com/praetorian-inc/noseyparker, Apache-2.0), commit "
          + commit)
    print("# kind\texpect\trule\tvalue (\\\\, \\t, \\n, \\r escaped)")
    for file, names in RULES.items():
        source = subprocess.run(
            ["git", "-C", checkout, "show", commit + ":crates/noseyparker/data/default/builtin/rules/" + file],
            capture_output=True, text=True, check=True).stdout
        for rule in yaml.safe_load(source)["rules"]:
            kind = names.get(rule["name"])
            if kind is None:
                continue
            for example in rule.get("examples", []):
                expect = "fp" if any(p in example for p in PLACEHOLDERS) else "tp"
                print("\t".join([kind, expect, rule["name"], escape(example.rstrip("\n"))]))


main()
