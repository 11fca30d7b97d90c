#!/usr/bin/env bash
# bench/scale.sh: the read path at scale, one table per run.
#
#   bench/scale.sh                    # 1,000 generated meetings, bolt
#   SIZES="1000 10000" bench/scale.sh # both sizes (10,000 takes long)
#   BACKENDS="bolt postgres" DSN=postgres://… bench/scale.sh
#   SCHEMA=scale BACKENDS=postgres DSN=… bench/scale.sh  # a schema of its own, not public
#   KEEP=1 bench/scale.sh             # reuse databases built before (no build cells)
#   NOGIZMO=1 bench/scale.sh          # skip the Gizmo query and the wait for the POST
#
# For each size and backend it builds the generated meetings (cached in
# bench/out/mN, shared with bench/run.sh) and the seeds into a new
# database, then measures: build time and peak RSS, database size, how
# long `serve` takes to answer /healthz, its RSS after start and after
# the load test, /api/raised for the most-raised concept (first page) at
# 1 connection (p50/p99) and at 8 (req/s) with hey, how long one meeting
# POSTed to /api/documents takes to be visible in /api/meetings, and the
# canned Gizmo query who-raised for that concept (first 100 rows, 60 s
# limit). Needs hey (apt-get install hey) and /usr/bin/time. Issue 13's
# goals are in docs/design.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-1000}
BACKENDS=${BACKENDS:-bolt}
DSN=${DSN:-${GIJIGRAPH_DSN:-}}
out=bench/out
mkdir -p "$out"
command -v hey >/dev/null || { echo "bench/scale.sh: needs hey (apt-get install hey)" >&2; exit 1; }
say() { echo "$*" >&2; }

say "scale: building gijigraph"
go build -o "$out/gijigraph" ./cmd/gijigraph
gg=$PWD/$out/gijigraph

rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b-a}'; }

rows=()
for n in $SIZES; do
	gen=$out/m$n
	if [[ ! -f $gen/.done ]]; then
		say "scale: generating $n meetings into $gen"
		rm -rf "$gen"
		"$gg" gen --meetings "$n" --out "$gen" --start 1001 >&2
		touch "$gen/.done"
	fi
	for be in $BACKENDS; do
		db=$out/scale-$be-$n
		store=(--db "$db")
		schema=${SCHEMA:-public}
		pgdsn=$DSN
		if [[ $schema != public ]]; then
			pgdsn="$DSN$([[ $DSN == *\?* ]] && echo '&' || echo '?')search_path=$schema"
		fi
		[[ $be == postgres ]] && store=(--backend postgres --dsn "$pgdsn")
		if [[ $be == postgres && -z $DSN ]]; then
			say "scale: postgres needs DSN"
			continue
		fi
		build_s=- build_mb=-
		if [[ -z ${KEEP:-} ]]; then
			if [[ $be == postgres ]]; then
				psql "$DSN" -qc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema;" >/dev/null
			else
				rm -rf "$db"
			fi
			say "scale: building $n meetings on $be"
			/usr/bin/time -v -o "$out/scale.time" "$gg" build "${store[@]}" seeds/ "$gen" >"$out/scale-build.log" 2>&1
			build_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.0f", s}' "$out/scale.time")
			build_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$out/scale.time")
		fi
		if [[ $be == postgres ]]; then
			size=$(psql "$DSN" -tAc "SELECT (coalesce(sum(pg_total_relation_size(c.oid)), 0)/1048576)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema' AND c.relkind = 'r'")
		else
			size=$(du -sm "$db" | cut -f1)
		fi

		log=$out/scale-serve.log
		t0=$(now)
		GIJIGRAPH_TOKEN=bench "$gg" serve "${store[@]}" --writable --addr 127.0.0.1:0 2>"$log" &
		pid=$!
		base=
		for _ in $(seq 6000); do
			base=$(grep -o 'listening on http://[^ ]*' "$log" | head -1 | sed 's/listening on //') || true
			[[ -n $base ]] && curl -sf "$base/healthz" >/dev/null && break
			sleep 0.05
		done
		ready=$(secs "$t0" "$(now)")
		say "scale: serve ready after $ready s; load test"
		rss0=$(rss_mb $pid)
		concept=$(curl -s "$base/api/concepts" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(max(d["concepts"], key=lambda c: c["counts"]["mentions"])["id"])')
		url="$base/api/raised?concept=$concept&limit=100"
		one=$(hey -n 300 -c 1 "$url")
		p50=$(echo "$one" | awk '/50% in/ {printf "%.1f", $3*1000}')
		p99=$(echo "$one" | awk '/99% in/ {printf "%.1f", $3*1000}')
		rps=$(hey -n 2000 -c 8 "$url" | awk '/Requests\/sec/ {printf "%.0f", $2}')
		rss1=$(rss_mb $pid)

		# One new meeting over HTTP: from the POST to /api/meetings showing it.
		# A meeting number no run used before (KEEP reuses the database).
		rm -rf "$out/scale-one"
		"$gg" gen --meetings 1 --out "$out/scale-one" --start $((90001 + RANDOM % 9000)) >/dev/null 2>&1 || true
		f=$(ls "$out"/scale-one/*.txt | head -1)
		# The total from the header of a one-row page: a python3 a poll took
		# seconds to start on a loaded machine.
		total() { curl -s --max-time 60 -D - -o /dev/null "$base/api/meetings?limit=1" | awk 'tolower($1) == "x-total-count:" {n = $2 + 0} END {print n + 0}'; }
		before=$(total)
		say "scale: ingesting one meeting"
		t0=$(now)
		# In the background: the server may make the reader wait less than
		# the writer (the Gizmo workers' copy is rewritten after a write).
		curl -s -o /dev/null --max-time 900 -H 'Authorization: Bearer bench' --data-binary "@$f" "$base/api/documents?name=$(basename "$f")" &
		post=$!
		visible=timeout
		for _ in $(seq 12000); do
			got=$(total)
			if [[ $got -gt $before ]]; then visible=$(secs "$t0" "$(now)"); break; fi
			sleep 0.05
		done

		gizmo=-
		if [[ -z ${NOGIZMO:-} ]]; then
			# The POST returns once the Gizmo workers' copy is rewritten.
			wait $post || true
			say "scale: who-raised through Gizmo"
			t0=$(now)
			code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 65 -X POST "$base/api/queries/who-raised?concept=$concept&limit=100" || echo timeout)
			gizmo="$(secs "$t0" "$(now)") ($code)"
		else
			kill $post 2>/dev/null || true
		fi
		# serve stops after its Gizmo workers' copy of the graph is
		# written, which can take minutes on a large corpus: 20 s, then KILL.
		kill $pid
		for _ in $(seq 200); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
		kill -9 $pid 2>/dev/null || true
		wait $pid 2>/dev/null || true
		load=$(cut -d' ' -f1-3 /proc/loadavg)
		rows+=("| $n | $be | $build_s s / $build_mb MB | $size MB | $ready s | $rss0 / $rss1 MB | $p50 / $p99 ms | $rps | $visible s | $gizmo s | $load |")
	done
done
echo "| meetings | backend | build (time / peak RSS) | DB size | serve ready | RSS after start / load | /api/raised p50 / p99, 1 conn | req/s, 8 conn | ingest visible | Gizmo who-raised | load average after |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
