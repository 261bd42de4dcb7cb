#!/usr/bin/env bash
# The Postman CLI beside Newman on the demo, interleaved: wall time and peak memory (max RSS of the
# process tree's largest process, GNU time) of plain Newman, the plain Postman CLI (the v2.1 demo
# and its v3 migration) and the tool running each, with the same secrets. Medians of REPEATS
# rounds (default 7); each round runs every command once, in order, so that load on the machine
# falls on all of them alike. Prints a Markdown table.
#   bash bench/postman-cli.sh [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-7}
postman=$PWD/test-tools/postman-cli/node_modules/@postman/pm-bin-linux-x64/bin/postman
[ -x node_modules/.bin/newman ] || npm ci --no-audit --no-fund --loglevel=error
[ -x "$postman" ] || npm ci --prefix test-tools/postman-cli --no-audit --no-fund --loglevel=error
[ -f target/newman-keyvault.jar ] || ./mvnw -q -B -ntp -DskipTests package
work=$(mktemp -d)
trap 'kill "$echo_pid" 2>/dev/null; rm -rf "$work"' EXIT
node test-fixtures/demo/echo-server.js >"$work/port" &
echo_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"
# The plain runs get what a user had with the secrets in clear: the demo's environment hydrated by
# hand from demo.secrets ({{vault:NAME}} as vault:NAME entries, which both runners resolve).
node - "$work/plain.json" "$base" <<'JS'
const fs = require('fs');
const [out, base] = process.argv.slice(2);
const secrets = {};
for (const line of fs.readFileSync('test-fixtures/demo/demo.secrets', 'utf8').split('\n')) {
  const m = /^([A-Za-z0-9-]+)=(.*)$/.exec(line);
  if (m) secrets[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
}
const env = JSON.parse(fs.readFileSync('test-fixtures/demo/environment.json', 'utf8'));
const value = (k) => ({ db_password: secrets['db-password'] })[k];
env.values = env.values.map((e) => (value(e.key) ? { ...e, value: value(e.key) } : e));
env.values.push({ key: 'vault:api_token', value: secrets['api-token'], enabled: true });
env.values.push({ key: 'vault:demo-api-key', value: secrets['demo-api-key'], enabled: true });
env.values.push({ key: 'client_secret', value: secrets['client-secret'], enabled: true });
fs.writeFileSync(out, JSON.stringify(env));
JS
v2=test-fixtures/demo/collection.json
v3=test-fixtures/v3/demo/postman/collections/demo
tool=(docker/newman-keyvault run -e test-fixtures/demo/environment.json --secrets-file test-fixtures/demo/demo.secrets)
export NKV_JAR=$PWD/target/newman-keyvault.jar NO_COLOR=1
names=("newman (v2.1)" "postman-cli (v2.1)" "postman-cli (v3)" "tool + newman (v2.1)" "tool + postman-cli (v3)")
run_case() {
  case $1 in
    0) node_modules/.bin/newman run "$v2" -e "$work/plain.json" --env-var "baseUrl=$base" ;;
    1) "$postman" collection run "$v2" -e "$work/plain.json" --env-var "baseUrl=$base" --no-report-events ;;
    2) "$postman" collection run "$v3" -e "$work/plain.json" --env-var "baseUrl=$base" --no-report-events ;;
    3) "${tool[@]}" -c "$v2" --newman node_modules/.bin/newman -- --env-var "baseUrl=$base" ;;
    4) "${tool[@]}" -c "$v3" --postman-cli "$postman" -- --env-var "baseUrl=$base" ;;
  esac
}
for round in $(seq "$repeats"); do
  for i in "${!names[@]}"; do
    /usr/bin/time -f "%e %M" -o "$work/t" bash -c "$(declare -f run_case); $(declare -p v2 v3 base work postman tool); run_case $i" >/dev/null 2>&1 \
      || { echo "case '${names[$i]}' failed" >&2; exit 1; }
    echo "$i $(cat "$work/t")" >>"$work/all"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "| run ($repeats rounds, interleaved) | wall time, median | peak RSS of its largest process, median |"
echo "| --- | --- | --- |"
for i in "${!names[@]}"; do
  t=$(awk -v i="$i" '$1 == i {print $2}' "$work/all" | median)
  m=$(awk -v i="$i" '$1 == i {print $3}' "$work/all" | median)
  printf '| %s | %.2f s | %d MB |\n' "${names[$i]}" "$t" "$((m / 1024))"
done
