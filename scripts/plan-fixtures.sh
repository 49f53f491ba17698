#!/usr/bin/env bash
# Writes real Terraform plan JSON fixtures for the plan guard's tests (test/fixtures/plans/), with Terraform's
# built-in terraform_data resource, so no provider is downloaded. Needs `terraform` (1.7 or newer, for removed
# blocks) on PATH; the tests read the committed fixtures and never run Terraform themselves.
#
#   bash scripts/plan-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/test/fixtures/plans"
mkdir -p "$out"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=/dev/null

# scenario NAME BEFORE_JSON AFTER_JSON: apply BEFORE, plan AFTER, keep `terraform show -json` of the plan.
scenario() {
  local name=$1 before=$2 after=$3 dir
  dir=$(mktemp -d)
  (
    cd "$dir"
    printf '%s\n' "$before" >main.tf.json
    terraform init -input=false -no-color >/dev/null
    terraform apply -auto-approve -input=false -no-color >/dev/null
    printf '%s\n' "$after" >main.tf.json
    terraform plan -input=false -no-color -out=plan.bin >/dev/null
    terraform show -json plan.bin | python3 -c 'import json,sys; json.dump(json.load(sys.stdin), sys.stdout, indent=1, sort_keys=True)' >"$out/$name.json"
  )
  rm -rf "$dir"
  echo "wrote $out/$name.json"
}

home='"home":{"input":"homes","triggers_replace":"v1"}'
scenario block-removed "{\"resource\":{\"terraform_data\":{$home,\"web\":{\"input\":\"w\"}}}}" \
  '{"resource":{"terraform_data":{"web":{"input":"w"}}}}'
scenario replaced "{\"resource\":{\"terraform_data\":{$home}}}" \
  '{"resource":{"terraform_data":{"home":{"input":"homes","triggers_replace":"v2"}}}}'
scenario replaced-create-first "{\"resource\":{\"terraform_data\":{$home}}}" \
  '{"resource":{"terraform_data":{"home":{"input":"homes","triggers_replace":"v2","lifecycle":{"create_before_destroy":true}}}}}'
scenario updated-in-place "{\"resource\":{\"terraform_data\":{$home}}}" \
  '{"resource":{"terraform_data":{"home":{"input":"more homes","triggers_replace":"v1"}}}}'
scenario kept-by-removed-block "{\"resource\":{\"terraform_data\":{$home,\"web\":{\"input\":\"w\"}}}}" \
  '{"resource":{"terraform_data":{"web":{"input":"w"}}},"removed":[{"from":"terraform_data.home","lifecycle":{"destroy":false}}]}'
scenario moved-block "{\"resource\":{\"terraform_data\":{$home}}}" \
  '{"resource":{"terraform_data":{"home2":{"input":"homes","triggers_replace":"v1"}}},"moved":[{"from":"terraform_data.home","to":"terraform_data.home2"}]}'
scenario count-down '{"resource":{"terraform_data":{"vol":{"count":2,"input":"data"}}}}' \
  '{"resource":{"terraform_data":{"vol":{"count":1,"input":"data"}}}}'
