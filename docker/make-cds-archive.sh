#!/bin/sh
# Makes the class-data-sharing (AppCDS) archive that the Maven build puts beside the jar and that
# demo.sh and the launcher pass to the JVM (the image has none: see the Dockerfile): the classes two training runs load, dumped once, so later runs map them instead of
# loading, verifying and linking them again (start-up drops by about a third).
#   make-cds-archive.sh JAVA JAR DEMO_DIR ARCHIVE
# Run 1: the demo with its secrets file and the hand-over, `true` standing in for Newman.
# Run 2: a dry run against Key Vault with a made-up service principal and no name resolving
# (an empty hosts file), so the Azure SDK and MSAL load and then fail fast at the first read.
# Neither run needs a network, and neither touches a real secret.
set -eu
java=$1 jar=$2 demo=$3 archive=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/hosts"

"$java" -XX:DumpLoadedClassList="$work/files.classlist" -jar "$jar" run \
  --collection "$demo/collection.json" --environment "$demo/environment.json" \
  --secrets-file "$demo/demo.secrets" --newman true > /dev/null 2> "$work/files.err" ||
  { cat "$work/files.err" >&2; exit 1; } # quiet, but a failed training run says why

AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000 \
AZURE_CLIENT_ID=00000000-0000-0000-0000-000000000000 \
AZURE_CLIENT_SECRET=training-run-not-a-secret \
  "$java" -Djdk.net.hosts.file="$work/hosts" -XX:DumpLoadedClassList="$work/keyvault.classlist" \
  -jar "$jar" run --dry-run \
  --collection "$demo/collection.json" --environment "$demo/environment.json" \
  --key-vault kv-training --auth environment --authority-host https://login.invalid \
  > /dev/null 2>&1 || true # exit 4 is expected: nothing resolves

# One list, each line once: JDK 17's dump crashes on a lambda listed twice. Each run numbers its
# classes from 0 (`NAME id: N`), and JDK 21 and later refuse an id used twice; the ids matter only
# to classes of custom class loaders (`super:`/`source:`), which these lists do not hold.
sed 's/ id: [0-9][0-9]*$//' "$work/files.classlist" "$work/keyvault.classlist" \
  | awk '!seen[$0]++' > "$work/all.classlist"
if grep -q ' source: ' "$work/all.classlist"; then
  echo "make-cds-archive.sh: the class list names a custom class loader's classes; keep their ids" >&2
  exit 1
fi
# picocli ships Java 5 class files, which CDS cannot archive: the dump skips them (and says so on
# stdout, which is dropped).
"$java" -Xshare:dump -XX:SharedClassListFile="$work/all.classlist" \
  -XX:SharedArchiveFile="$archive" -cp "$jar" > /dev/null
