#!/usr/bin/env bash
# Deployment history and the review's KPIs from the deployments log (JSON lines written by deploy.sh/rollback.sh).
#   scripts/deployments-report.sh [--log FILE] [--days N] [--json]
#   --log   default PLOY_ROOT/data/deployments.jsonl
#   --days  only the last N days (default: all)
#   --json  print the KPIs as one JSON object instead of the table
# KPIs (deploys = kind "deploy" records, rejected ones excluded: nothing changed on the host):
#   success rate         successful deploys / deploys
#   change-failure rate  deploys that failed their health gate (rolled back or not) / deploys
#   MTTR                 mean time from a failed release going live to the service healthy again (restore_s)
#   frequency            deploys per day over the period covered
#   lead time            commit time to healthy, where the log carries commit_time (else "n/a")
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$here/lib/common.sh"

usage() {
  sed -n '3,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
log_file="$(ploy_deployments_log)"
days=""
json=false
while (($# > 0)); do
  case "$1" in
    --log)
      [[ $# -ge 2 ]] || usage
      log_file="$2"
      shift
      ;;
    --days)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage
      days="$2"
      shift
      ;;
    --json) json=true ;;
    *) usage ;;
  esac
  shift
done
[[ -f "$log_file" ]] || die "no deployments log at $log_file"
command -v jq >/dev/null 2>&1 || die "jq is required"

since=0
[[ -n "$days" ]] && since=$(($(date +%s) - days * 86400))

kpis="$(jq -s --argjson since "$since" '
  def epoch: (. // "1970-01-01T00:00:00Z") | fromdateiso8601;
  def mean: if length == 0 then null else (add / length * 10 | round / 10) end;
  [ .[] | select((.time | epoch) >= $since) ] as $all
  | [ $all[] | select(.kind == "deploy" and .result != "rejected") ] as $deploys
  | [ $deploys[] | select(.result == "success") ] as $ok
  | [ $deploys[] | select(.result == "failed") ] as $bad
  | ($all | map(.time | epoch)) as $times
  | (if ($times | length) > 1 then ((($times | max) - ($times | min)) / 86400) else 0 end) as $span_days
  | {
      records: ($all | length),
      deploys: ($deploys | length),
      successful: ($ok | length),
      failed: ($bad | length),
      rejected: ([ $all[] | select(.kind == "deploy" and .result == "rejected") ] | length),
      rollbacks_automatic: ([ $bad[] | select(.rolled_back == true) ] | length),
      rollbacks_manual: ([ $all[] | select(.kind == "rollback") ] | length),
      success_rate: (if ($deploys | length) > 0 then (($ok | length) / ($deploys | length) * 1000 | round / 10) else null end),
      change_failure_rate: (if ($deploys | length) > 0 then (($bad | length) / ($deploys | length) * 1000 | round / 10) else null end),
      mttr_s: ([ $bad[] | .restore_s | select(. != null) ] | mean),
      mean_deploy_to_healthy_s: ([ $ok[] | .to_healthy_s | select(. != null) ] | mean),
      mean_rollback_s: ([ $all[] | .rollback_s | select(. != null) ] | mean),
      deploys_per_day: (if $span_days >= 1 then (($deploys | length) / $span_days * 10 | round / 10) else ($deploys | length) end),
      lead_time_s: ([ $ok[] | select(.commit_time != null) | ((.finished | epoch) - (.commit_time | tonumber)) ] | mean),
      last: ($all | last)
    }' "$log_file")"

if $json; then
  jq -c 'del(.last)' <<<"$kpis"
  exit 0
fi

echo "Deployments ($log_file)"
jq -rs --argjson since "$since" '
  .[] | select(((.time // "1970-01-01T00:00:00Z") | fromdateiso8601) >= $since)
  | [ .time, .kind, .version, .result,
      (if .rolled_back == true then "rolled back" else "" end),
      (if .to_healthy_s != null then "healthy in \(.to_healthy_s) s"
       elif .rollback_s != null then "restored in \(.rollback_s) s" else "" end) ]
  | @tsv' "$log_file" | column -t -s $'\t' | sed 's/^/  /'
jq -r '
  def pct: if . == null then "n/a" else "\(.) %" end;
  def secs: if . == null then "n/a" else "\(.) s" end;
  "",
  "deploys \(.deploys) (successful \(.successful), failed \(.failed), rejected before any change \(.rejected)); rollbacks: automatic \(.rollbacks_automatic), by hand \(.rollbacks_manual)",
  "success rate          \(.success_rate | pct)",
  "change-failure rate   \(.change_failure_rate | pct)",
  "mean time to restore  \(.mttr_s | secs)",
  "deploy to healthy     \(.mean_deploy_to_healthy_s | secs) (mean)",
  "deployment frequency  \(.deploys_per_day) per day",
  "lead time             \(.lead_time_s | secs)"' <<<"$kpis"
