#!/usr/bin/env bash
# Runs end-to-end suites with tests/support/httpclient recording every exchange into $1
# (CONCERT_HTTP_RECORD), for check_exchanges.py. Usage: record.sh OUT SUITE_BINARY...
set -euo pipefail
out=$1
shift
rm -f "$out"
status=0
for suite in "$@"; do
    CONCERT_HTTP_RECORD="$out" "$suite" -silent || status=1
done
[ -s "$out" ] || { echo "no exchange was recorded in $out"; exit 1; }
echo "recorded $(wc -l <"$out") exchanges in $out"
exit $status
