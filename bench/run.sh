#!/usr/bin/env bash
# bench/run.sh: measure gijigraph at scale and print one markdown table.
#
# Run from anywhere: bench/run.sh. Needs Go; uses /usr/bin/time (Debian's
# "time" package, installed if missing when run as root) for peak RSS, or
# else samples VmHWM from /proc. See bench/README.md.
#
# Environment:
#   MEETINGS="100 1000"   sizes of the generated corpora to build
#   CAYLEY=auto           auto: compare with the stock `cayley load` when it
#                         can be built; no: skip it
#   CAYLEY_MEETINGS=...   sizes to load with cayley (default: MEETINGS)
#   BENCH_MEETINGS=20     meetings in the go benchmarks' corpus
#   OUT=bench/out         where corpora, binaries and databases go (gitignored)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${OUT:-$here/out}
meetings=${MEETINGS:-100 1000}
cayley_meetings=${CAYLEY_MEETINGS:-$meetings}
bench_meetings=${BENCH_MEETINGS:-20}
mkdir -p "$out"
cd "$root"

say() { printf '%s\n' "$*" >&2; }

command -v go >/dev/null || { say "bench: go is not on PATH"; exit 1; }

# /usr/bin/time -v, or sampling /proc.
if [[ ! -x /usr/bin/time ]] && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
	say "bench: installing Debian's time package for /usr/bin/time"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; } || true
fi

# measure LABEL CMD...: runs CMD with its output in $out/LABEL.log and
# sets secs (wall) and rss_kb (peak resident set).
measure() {
	local label=$1
	shift
	local log=$out/$label.log start end
	if [[ -x /usr/bin/time ]]; then
		/usr/bin/time -v -o "$out/$label.time" "$@" >"$log" 2>&1 || { cat "$log" >&2; return 1; }
		secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$out/$label.time")
		rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/$label.time")
	else
		start=$(date +%s.%N)
		"$@" >"$log" 2>&1 &
		local pid=$! hwm=0 v
		while kill -0 "$pid" 2>/dev/null; do
			v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
			[[ -n $v && $v -gt $hwm ]] && hwm=$v
			sleep 0.1
		done
		wait "$pid" || { cat "$log" >&2; return 1; }
		end=$(date +%s.%N)
		secs=$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')
		rss_kb=$hwm
	fi
}

mb() { awk -v b="$1" 'BEGIN {printf "%.0f MB", b / 1e6}'; }
rows=()
row() { # one row of the table, a cell an argument
	local r="|" f
	for f in "$@"; do r+=" $f |"; done
	rows+=("$r")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

say "bench: building gijigraph"
go build -o "$out/gijigraph" ./cmd/gijigraph
gg=$out/gijigraph

for n in $meetings; do
	dir=$out/m$n
	have=$(find "$dir" -maxdepth 1 -name '*.txt' 2>/dev/null | wc -l)
	if [[ $have != "$n" ]]; then
		say "bench: generating $n meetings in $dir"
		rm -rf "$dir"
		"$gg" gen --meetings "$n" --out "$dir" --start 1001 >&2
	fi
	src=$(du -cb "$dir"/*.txt | tail -1 | cut -f1)

	say "bench: gijigraph build, $n meetings"
	db=$out/db$n
	rm -rf "$db"
	measure "build$n" "$gg" build --db "$db" "$dir"
	quads=$(sed -n 's/.* \([0-9]*\) quads, .*/\1/p' "$out/build$n.log" | tail -1)
	dbsize=$(du -sb "$db/indexes.bolt" | cut -f1)
	say "bench: exporting N-Quads, $n meetings"
	"$gg" export --db "$db" --format nquads -o "$out/m$n.nq" >&2
	nqsize=$(stat -c %s "$out/m$n.nq")
	row "gijigraph build (bolt, new)" "$n" "$(printf %.1f "$secs")" "$quads" \
		"$(awk -v q="$quads" -v s="$secs" 'BEGIN {printf "%.0f", q / s}')" \
		"$(awk -v b="$src" -v s="$secs" 'BEGIN {printf "%.2f", b / s / 1e6}')" \
		"$(mb $((rss_kb * 1024)))" "$(mb "$dbsize")" "$(mb "$nqsize")" \
		"$(awk -v a="$dbsize" -v b="$nqsize" 'BEGIN {printf "%.2f", a / b}')"

	say "bench: gijigraph build again, unchanged, $n meetings"
	measure "rebuild$n" "$gg" build --db "$db" "$dir"
	row "gijigraph build again (unchanged)" "$n" "$(printf %.1f "$secs")" "$quads" "" "" "$(mb $((rss_kb * 1024)))" "" "" ""

	# A changed concept list changes every document's build key: every
	# document is extracted again and replaced by the difference.
	sed '0,/^\( *\)note: /s//\1note: (changed) /' seeds/concepts.yaml >"$out/concepts-changed.yaml"
	say "bench: gijigraph build with a changed concept list, $n meetings"
	measure "replace$n" "$gg" build --db "$db" --concepts "$out/concepts-changed.yaml" "$dir"
	row "gijigraph build, concept list changed ($(sed -n 's/.*(\([0-9]* added, [0-9]* replaced\).*/\1/p' "$out/replace$n.log"))" \
		"$n" "$(printf %.1f "$secs")" "$quads" "" "" "$(mb $((rss_kb * 1024)))" "" "" ""
	measure "restore$n" "$gg" build --db "$db" "$dir" # back to the seed list
done

# The stock cayley CLI, built outside the repository from the module
# cache, with this module's requirements (and exclude).
if [[ ${CAYLEY:-auto} != no ]]; then
	cdir=$out/cayleycli
	if [[ ! -x $cdir/cayley ]]; then
		say "bench: building the stock cayley v0.7.7 CLI in $cdir (outside the module)"
		mkdir -p "$cdir"
		sed -e 's|^module .*|module cayleycli|' go.mod >"$cdir/go.mod"
		cp go.sum "$cdir/go.sum"
		(cd "$cdir" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o cayley github.com/cayleygraph/cayley/cmd/cayley) >"$out/cayley-build.log" 2>&1 ||
			say "bench: cannot build the cayley CLI (see $out/cayley-build.log); skipping the comparison"
	fi
	if [[ -x $cdir/cayley ]]; then
		for n in $cayley_meetings; do
			nq=$out/m$n.nq
			[[ -f $nq ]] || { say "bench: no $nq; skipping cayley load of $n meetings"; continue; }
			say "bench: cayley load, $n meetings"
			cdb=$out/cayley$n
			rm -rf "$cdb"
			mkdir -p "$cdb"
			measure "cayley$n" "$cdir/cayley" load --db bolt --dbpath "$cdb" --init --load "$nq"
			quads=$(wc -l <"$nq")
			dbsize=$(du -sb "$cdb/indexes.bolt" | cut -f1)
			nqsize=$(stat -c %s "$nq")
			row "stock cayley load (bolt)" "$n" "$(printf %.1f "$secs")" "$quads" \
				"$(awk -v q="$quads" -v s="$secs" 'BEGIN {printf "%.0f", q / s}')" "" \
				"$(mb $((rss_kb * 1024)))" "$(mb "$dbsize")" "$(mb "$nqsize")" \
				"$(awk -v a="$dbsize" -v b="$nqsize" 'BEGIN {printf "%.2f", a / b}')"
		done
	fi
fi

# Go benchmarks: each -cpu value in a process of its own (a test binary
# that changes GOMAXPROCS between runs measures the second one wrongly).
say "bench: go benchmarks (extraction, kagome, quads, bolt writes)"
go test -c -o "$out/extract.test" ./extract
go test -c -o "$out/graph.test" ./graph
gobench() { # BINARY DIR PATTERN CPU -> benchmark output lines
	(cd "$2" && GIJIGRAPH_BENCH_MEETINGS=${GIJIGRAPH_BENCH_MEETINGS:-$bench_meetings} "$1" -test.run '^$' -test.bench "$3" -test.cpu "$4" -test.benchtime 10x) | grep '^Benchmark'
}
metric() { # LINE UNIT -> the value before UNIT
	awk -v u="$2" '{for (i = 2; i <= NF; i++) if ($i == u) print $(i - 1)}' <<<"$1"
}
for b in GenExtract GenParse GenMatch GenKagome; do
	one=$(gobench "$out/extract.test" extract "^Benchmark$b\$" 1)
	two=$(gobench "$out/extract.test" extract "^Benchmark$b\$" 2)
	row "go test -bench $b, 1 core" "$bench_meetings" "" "" "" "$(metric "$one" MB/s)" "" "" "" ""
	row "go test -bench $b, 2 cores" "$bench_meetings" "" "" "" "$(metric "$two" MB/s)" "" "" "" ""
done
line=$(gobench "$out/graph.test" graph '^BenchmarkDocumentQuads$' 1)
row "go test -bench DocumentQuads, 1 core" "20" "" "$(metric "$line" quads/meeting) a meeting" "$(metric "$line" quads/s)" "" "" "" "" ""
line=$(GIJIGRAPH_BENCH_MEETINGS=100 gobench "$out/graph.test" graph '^BenchmarkBoltWrite$' 2)
row "go test -bench BoltWrite (writes only)" "100" "" "$(metric "$line" quads)" "$(metric "$line" quads/s)" "" "" "" "" ""

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

echo
echo "gijigraph $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'), $(go version | cut -d' ' -f3), $(nproc) cores, load average $load_before before and $load_after after"
echo
echo "| measurement | meetings | seconds | quads | quads/s | source MB/s | peak RSS | database | N-Quads | database / N-Quads |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
