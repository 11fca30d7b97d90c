#!/usr/bin/env bash
# CI step for the web explorer (server/web): .ci/run runs or sources it
# from anywhere; it works from the repository root in a subshell.
#
#  1. Installs Debian's chromium and fonts-noto-cjk if missing (apt, as
#     root or through sudo), so that `go test ./...` runs the browser test
#     (server/web/e2e_test.go) instead of skipping it.
#  2. Rebuilds the committed assets with npm (npm ci: exactly the versions
#     in package-lock.json) and fails if they differ from server/web/dist:
#     dist/ is committed so that `go build` needs no Node, and this keeps
#     it in step with src/.
web_ci() (
	set -euo pipefail
	cd "$(dirname "${BASH_SOURCE[0]}")/.."

	echo "== web: chromium and CJK fonts for the browser test"
	local need=()
	[ -x /usr/bin/chromium ] || need+=(chromium)
	dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || need+=(fonts-noto-cjk)
	if [ ${#need[@]} -gt 0 ]; then
		local sudo=()
		[ "$(id -u)" = 0 ] || sudo=(sudo)
		"${sudo[@]}" apt-get update -qq
		DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
	fi
	/usr/bin/chromium --version

	echo "== web: npm ci and build (node $(node --version), npm $(npm --version 2>/dev/null))"
	(cd server/web && npm ci --no-audit --no-fund && npm run build)

	echo "== web: the committed dist/ must match the build"
	local changed
	changed=$(git status --porcelain --untracked-files=all -- server/web/dist)
	if [ -n "$changed" ]; then
		echo "server/web/dist differs from a fresh build of server/web/src:"
		echo "$changed"
		git --no-pager diff --stat -- server/web/dist
		echo "Run 'npm ci && npm run build' in server/web and commit server/web/dist."
		return 1
	fi
)
web_ci
