#!/usr/bin/env bash
# From an AWS account to a running job, a dashboard and alerts, in one command (deploy/README.md):
#   1. build the deployable jar (mvn package) and upload it under a content-addressed key;
#   2. package and deploy the data-plane stack (deploy/data-plane.yaml + nested deploy/lake-catalog.json);
#   3. create the Athena views (schemas/athena/views, generated) in the stack's workgroup;
#   4. deploy the application stack (deploy/managed-flink.yaml) with the data plane's streams and bucket;
#   5. start the application when it is READY (from the latest snapshot when there is one);
#   6. optionally deploy the QuickSight stack (deploy/quicksight.yaml);
#   7. print the links and the next steps.
# --dry-run prints every AWS call (and the build) without making it; the secret hash key is never printed.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: deploy/deploy.sh --artifacts-bucket BUCKET [options]

  --artifacts-bucket BUCKET   existing S3 bucket for the jar and the packaged templates (required)
  --region REGION             AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, or the CLI's configuration)
  --prefix NAME               resource name prefix, as NamePrefix of data-plane.yaml (default: eum)
  --application-name NAME     Managed Flink application name (default: <prefix>-engagement-analytics)
  --database NAME             Glue database (default: eum_analytics)
  --alert-email ADDRESS       subscribe this address to the alerts topic (confirm the e-mail AWS sends)
  --quicksight-principal ARN  also deploy the QuickSight data source, datasets and dashboard, shared with this
                              QuickSight user or group ARN (QuickSight must be set up in the account)
  --parameter KEY=VALUE       extra data-plane parameter (repeatable), e.g. StreamMode=PROVISIONED
  --skip-build                upload the jar already in job/target
  --dry-run                   print every call instead of making it
  -h, --help                  this text

The destination hash key (the secret behind destination_hash, at least 32 characters) is read from the environment
variable ENGAGEMENT_HASH_KEY; create one with `openssl rand -base64 48` and keep it (e.g. in Secrets Manager).
EOF
}

die() { echo "deploy.sh: $*" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
artifacts="" region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}" prefix="eum" app="" database="eum_analytics"
alert_email="" qs_principal="" skip_build=0 dry=0
extra_params=()
while [ $# -gt 0 ]; do
  case "$1" in
    --artifacts-bucket) artifacts="${2:-}"; shift 2 ;;
    --region) region="${2:-}"; shift 2 ;;
    --prefix) prefix="${2:-}"; shift 2 ;;
    --application-name) app="${2:-}"; shift 2 ;;
    --database) database="${2:-}"; shift 2 ;;
    --alert-email) alert_email="${2:-}"; shift 2 ;;
    --quicksight-principal) qs_principal="${2:-}"; shift 2 ;;
    --parameter) extra_params+=("${2:-}"); shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    --dry-run) dry=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done

[ -n "$artifacts" ] || die "--artifacts-bucket is required: an existing S3 bucket for the jar and the packaged templates"
[[ "$prefix" =~ ^[a-z][a-z0-9-]{1,30}$ ]] || die "--prefix must be lower-case letters, digits and -, starting with a letter: $prefix"
[[ "$database" =~ ^[a-z0-9_]{1,64}$ ]] || die "--database must be lower-case letters, digits and _: $database"
app="${app:-$prefix-engagement-analytics}"
hash_key="${ENGAGEMENT_HASH_KEY:-}"
[ "${#hash_key}" -ge 32 ] || die "set ENGAGEMENT_HASH_KEY to the destination hash key (at least 32 characters; new one: openssl rand -base64 48)"
for p in "${extra_params[@]}"; do
  [[ "$p" == *=* ]] || die "--parameter needs KEY=VALUE, got $p"
done
if [ "$dry" -eq 0 ]; then
  command -v aws >/dev/null || die "the AWS CLI (aws) is not installed: https://docs.aws.amazon.com/cli/"
fi

region_args=()
[ -z "$region" ] || region_args=(--region "$region")
data_stack="$prefix-data-plane"
app_stack="$prefix-application"
qs_stack="$prefix-quicksight"

# One AWS call: printed with --dry-run, made otherwise. Arguments named in $redact are printed as <redacted>.
redact=""
aws_call() {
  if [ "$dry" -eq 1 ]; then
    local line="aws" a
    for a in "$@"; do
      if [ -n "$redact" ] && [[ "$a" == *"$redact"* ]]; then a="${a//"$redact"/<redacted>}"; fi
      line+=" $(printf '%q' "$a")"
    done
    for a in "${region_args[@]}"; do line+=" $(printf '%q' "$a")"; done
    echo "$line"
  else
    aws "$@" "${region_args[@]}"
  fi
}

# A stack output: the real value, or <OutputKey> with --dry-run (where describe_outputs printed the call once).
describe_outputs() {
  [ "$dry" -eq 0 ] || aws_call cloudformation describe-stacks --stack-name "$1" --query "Stacks[0].Outputs"
}
stack_output() {
  if [ "$dry" -eq 1 ]; then
    echo "<$2>"
  else
    aws cloudformation describe-stacks --stack-name "$1" "${region_args[@]}" \
      --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue" --output text
  fi
}

step() { echo; echo "== $*"; }

# ---------------------------------------------------------------- 1. jar
step "1/7 build and upload the jar"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
jar="$root/job/target/engagement-analytics-job-$version-managed-flink.jar"
build=(mvn -B -q -f "$root/pom.xml" package -DskipTests -DskipShade=false)
if [ "$skip_build" -eq 0 ]; then
  if [ "$dry" -eq 1 ]; then echo "${build[*]}"; else "${build[@]}"; fi
fi
if [ -f "$jar" ]; then
  digest="$(sha256sum "$jar" | cut -c1-12)"
elif [ "$dry" -eq 1 ]; then
  digest="<sha256>"
else
  die "no jar at $jar: build it (drop --skip-build) or check the build output"
fi
# a new key per build, so that a redeploy with new code updates the application (same key = no change seen)
code_key="engagement-analytics/engagement-analytics-job-$version-$digest-managed-flink.jar"
aws_call s3 cp "$jar" "s3://$artifacts/$code_key"

# ---------------------------------------------------------------- 2. data plane
step "2/7 data-plane stack $data_stack (streams, routes, lake, catalog, alarms)"
packaged="$(mktemp -d)/data-plane.packaged.yaml"
aws_call cloudformation package --template-file "$root/deploy/data-plane.yaml" \
  --s3-bucket "$artifacts" --s3-prefix engagement-analytics/templates --output-template-file "$packaged"
data_params=(NamePrefix="$prefix" ApplicationName="$app" GlueDatabaseName="$database")
[ -z "$alert_email" ] || data_params+=(AlertEmail="$alert_email")
data_params+=("${extra_params[@]}")
aws_call cloudformation deploy --stack-name "$data_stack" --template-file "$packaged" \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides "${data_params[@]}"

describe_outputs "$data_stack"
receipts="$(stack_output "$data_stack" ReceiptsStreamName)"
whatsapp="$(stack_output "$data_stack" WhatsAppStreamName)"
feedback="$(stack_output "$data_stack" FeedbackStreamName)"
lake_bucket="$(stack_output "$data_stack" LakeBucketName)"
lake_prefix="$(stack_output "$data_stack" LakePrefix)"
lake_root="$(stack_output "$data_stack" LakeRoot)"
workgroup="$(stack_output "$data_stack" AthenaWorkGroupName)"
whatsapp_topic="$(stack_output "$data_stack" WhatsAppTopicArn)"
alerts_topic="$(stack_output "$data_stack" AlertsTopicArn)"
feedback_arn="$(stack_output "$data_stack" FeedbackStreamArn)"

# ---------------------------------------------------------------- 3. views
step "3/7 Athena views (latest revision of each metrics window)"
for view in "$root"/schemas/athena/views/*.sql; do
  sql="$("$root/schemas/athena/render.sh" "$lake_root" "$database" "$view")"
  if [ "$dry" -eq 1 ]; then
    aws_call athena start-query-execution --work-group "$workgroup" --query-string "$sql"
    aws_call athena get-query-execution --query-execution-id "<QueryExecutionId>" --query QueryExecution.Status.State --output text
  else
    id="$(aws_call athena start-query-execution --work-group "$workgroup" --query-string "$sql" --query QueryExecutionId --output text)"
    while :; do
      state="$(aws_call athena get-query-execution --query-execution-id "$id" --query QueryExecution.Status.State --output text)"
      case "$state" in
        SUCCEEDED) echo "created $(basename "$view" .sql)"; break ;;
        FAILED|CANCELLED) die "view $(basename "$view") $state: see aws athena get-query-execution --query-execution-id $id" ;;
        *) sleep 2 ;;
      esac
    done
  fi
done

# ---------------------------------------------------------------- 4. application
step "4/7 application stack $app_stack"
redact="$hash_key"
aws_call cloudformation deploy --stack-name "$app_stack" --template-file "$root/deploy/managed-flink.yaml" \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides \
  ApplicationName="$app" CodeBucket="$artifacts" CodeKey="$code_key" \
  ReceiptsStreamName="$receipts" WhatsAppStreamName="$whatsapp" FeedbackStreamName="$feedback" \
  LakeBucket="$lake_bucket" LakePrefix="$lake_prefix" DestinationHashKey="$hash_key" AlertsTopicArn="$alerts_topic"
redact=""

# ---------------------------------------------------------------- 5. start when READY
step "5/7 start the application when it is READY"
if [ "$dry" -eq 1 ]; then
  aws_call kinesisanalyticsv2 describe-application --application-name "$app" --query ApplicationDetail.ApplicationStatus --output text
  aws_call kinesisanalyticsv2 list-application-snapshots --application-name "$app" --query "length(SnapshotSummaries)" --output text
  aws_call kinesisanalyticsv2 start-application --application-name "$app" \
    --run-configuration '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"}}'
else
  for _ in $(seq 1 120); do
    status="$(aws_call kinesisanalyticsv2 describe-application --application-name "$app" --query ApplicationDetail.ApplicationStatus --output text)"
    case "$status" in
      READY|RUNNING) break ;;
      *) echo "application is $status; waiting"; sleep 10 ;;
    esac
  done
  if [ "$status" = RUNNING ]; then
    echo "already RUNNING (an update restarts it from its snapshot)"
  elif [ "$status" = READY ]; then
    snapshots="$(aws_call kinesisanalyticsv2 list-application-snapshots --application-name "$app" --query "length(SnapshotSummaries)" --output text)"
    restore=RESTORE_FROM_LATEST_SNAPSHOT
    [ "${snapshots:-0}" != 0 ] || restore=SKIP_RESTORE_FROM_SNAPSHOT
    aws_call kinesisanalyticsv2 start-application --application-name "$app" \
      --run-configuration "{\"ApplicationRestoreConfiguration\":{\"ApplicationRestoreType\":\"$restore\"}}"
  else
    die "the application is $status, not READY after 20 minutes: see its CloudWatch log /aws/kinesis-analytics/$app"
  fi
fi

# ---------------------------------------------------------------- 6. QuickSight
step "6/7 QuickSight"
if [ -n "$qs_principal" ]; then
  aws_call cloudformation deploy --stack-name "$qs_stack" --template-file "$root/deploy/quicksight.yaml" \
    --no-fail-on-empty-changeset --parameter-overrides \
    NamePrefix="$prefix" GlueDatabaseName="$database" AthenaWorkGroup="$workgroup" QuickSightPrincipalArn="$qs_principal"
else
  echo "skipped (pass --quicksight-principal arn:aws:quicksight:REGION:ACCOUNT:user/default/NAME to deploy the dashboard)"
fi

# ---------------------------------------------------------------- 7. links and next steps
step "7/7 done"
r="${region:-<region>}"
cat <<EOF
Application:  https://$r.console.aws.amazon.com/flink/home?region=$r#/applications/dashboard/$app
Alarms:       https://$r.console.aws.amazon.com/cloudwatch/home?region=$r#alarmsV2:?search=$app
Athena:       https://$r.console.aws.amazon.com/athena/home?region=$r#/query-editor (workgroup $workgroup, database $database)
Lake:         $lake_root
Dashboard:    $( [ -n "$qs_principal" ] && echo "https://$r.quicksight.aws.amazon.com/sn/dashboards/$prefix-engagement" || echo "(not deployed)")

Next steps:
  1. WhatsApp: set the event destination of your WhatsApp Business Account to $whatsapp_topic
     (End User Messaging Social console > Business accounts > your WABA > Event destination > Amazon SNS).
  2. Alerts: subscribe an address if you did not pass --alert-email:
     aws sns subscribe --topic-arn $alerts_topic --protocol email --notification-endpoint you@example.com
  3. Feedback (OTP conversion): put a record into $feedback_arn next to each PutMessageFeedback call
     (snippets in deploy/README.md), or redeploy with --parameter RouteFeedbackFromCloudTrail=true.
  4. SMS, MMS and voice events reach the job through EventBridge already (rule on source aws.sms-voice).
EOF
