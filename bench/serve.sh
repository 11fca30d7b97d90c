#!/usr/bin/env bash
# bench/serve.sh measures gijigraph serve with hey (Debian: apt-get install
# hey): requests/s and p99 latency per endpoint.
#
#   bench/serve.sh               # the two seed meetings
#   GEN=100 bench/serve.sh       # the seeds and 100 generated meetings
#   DB=path bench/serve.sh       # an existing bolt database
#
# N (requests per endpoint, default 2000) and C (concurrent clients,
# default 8) tune hey. Run from the repository root.
set -euo pipefail

N=${N:-2000}
C=${C:-8}
GEN=${GEN:-0}
command -v hey >/dev/null || { echo "bench/serve.sh: needs hey (apt-get install hey)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/gijigraph" ./cmd/gijigraph

db=${DB:-}
if [ -z "$db" ]; then
	db=$tmp/db
	if [ "$GEN" -gt 0 ]; then
		"$tmp/gijigraph" gen --meetings "$GEN" --out "$tmp/gen" --start 1001 >&2
		"$tmp/gijigraph" build --db "$db" seeds/ "$tmp/gen" 2>/dev/null
	else
		"$tmp/gijigraph" build --db "$db" seeds/ 2>/dev/null
	fi
fi

"$tmp/gijigraph" serve --db "$db" --addr 127.0.0.1:0 2>"$tmp/serve.log" &
pid=$!
base=
for _ in $(seq 600); do
	base=$(grep -o 'listening on http://[^ ]*' "$tmp/serve.log" | head -1 | sed 's/listening on //') || true
	[ -n "$base" ] && break
	sleep 0.1
done
[ -n "$base" ] || { cat "$tmp/serve.log" >&2; exit 1; }
curl -s "$base/healthz"; echo

endpoints=(
	"/api/raised?concept=WannaCry"
	"/api/raised?concept=ransomware&narrower=true"
	"/api/raised?person=%E6%9D%91%E4%BA%95%E7%B4%94"
	"/api/raised?concept=ransomware&narrower=true&format=csv"
	"/api/graph?focus=person/%E9%81%A0%E8%97%A4%E4%BF%A1%E5%8D%9A&depth=2"
	"/api/graph?concept=ransomware&narrower=true"
	"/api/graph?limit=500&format=gexf"
	"/api/search?q=%E3%83%A9%E3%83%B3%E3%82%B5%E3%83%A0%E3%82%A6%E3%82%A7%E3%82%A2"
	"/api/meetings"
	"/healthz"
)
printf '%-62s %10s %10s %10s\n' endpoint 'req/s' 'p99 ms' 'bytes'
for e in "${endpoints[@]}"; do
	out=$(hey -n "$N" -c "$C" "$base$e")
	rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
	p99=$(echo "$out" | awk '/99% in/ {printf "%.2f", $3*1000}')
	size=$(curl -s "$base$e" | wc -c)
	codes=$(echo "$out" | awk '/^ *\[[0-9]+\][ \t]+[0-9]+ responses/ {printf "%s%s", sep, $1 $2; sep=" "}')
	printf '%-62s %10s %10s %10s  %s\n' "$(printf '%b' "${e//%/\\x}")" "$rps" "$p99" "$size" "$codes"
done
