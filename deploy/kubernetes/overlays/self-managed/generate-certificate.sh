#!/usr/bin/env bash
# Writes, next to this script, the self-managed overlay's two generated files:
#   tls-secret.yaml  the Secret r3mes-sidecar-injector-tls (tls.crt, tls.key) the injector serves with;
#   ca-bundle.yaml   a JSON patch setting the webhook's caBundle to the CA that signed it.
# Usage: ./generate-certificate.sh [days]   (default 365; re-run before expiry, then `kubectl apply -k .`)
# Needs openssl and kubectl (offline: `kubectl create --dry-run=client`).
set -euo pipefail
cd "$(dirname "$0")"
days=${1:-365}
service=r3mes-sidecar-injector.r3mes-system.svc
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key"
openssl req -x509 -new -key "$work/ca.key" -subj "/CN=r3mes-sidecar-injector-ca" -days "$days" -out "$work/ca.crt" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$work/tls.ec"
openssl pkcs8 -topk8 -nocrypt -in "$work/tls.ec" -out "$work/tls.key"
openssl req -new -key "$work/tls.key" -subj "/CN=$service" -out "$work/tls.csr" 2>/dev/null
printf 'subjectAltName=DNS:%s,DNS:%s.cluster.local\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$service" "$service" > "$work/ext"
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days "$days" \
  -extfile "$work/ext" -out "$work/tls.crt" 2>/dev/null
cat "$work/ca.crt" >> "$work/tls.crt"
umask 077
kubectl create secret tls r3mes-sidecar-injector-tls --namespace r3mes-system \
  --cert "$work/tls.crt" --key "$work/tls.key" --dry-run=client -o yaml > tls-secret.yaml
cat > ca-bundle.yaml <<PATCH
- op: add
  path: /webhooks/0/clientConfig/caBundle
  value: $(base64 -w0 < "$work/ca.crt")
PATCH
echo "wrote tls-secret.yaml and ca-bundle.yaml (valid $days days); now: kubectl apply -k $(pwd)"
