#!/usr/bin/env bash
# Configures Vault's Kubernetes auth for the examples: one role per workload, bound to its service account and
# namespace, with the policy beside this script. Run with VAULT_ADDR and a token allowed to manage auth and policies.
set -euo pipefail
cd "$(dirname "$0")"
vault auth list -format=json | grep -q '"kubernetes/"' || vault auth enable kubernetes
# Vault runs in the cluster: it reviews tokens with its own service account (token-reviewer.yaml) and the
# in-cluster CA; outside the cluster, add kubernetes_ca_cert and token_reviewer_jwt.
vault write auth/kubernetes/config kubernetes_host="https://kubernetes.default.svc:443"
for workload in backend nginx remesd; do
  vault policy write "$workload" "$workload.hcl"
  vault write "auth/kubernetes/role/$workload" \
    bound_service_account_names="$workload" \
    bound_service_account_namespaces=r3mes \
    policies="$workload" \
    token_ttl=1h token_max_ttl=24h
done
