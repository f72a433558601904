#!/bin/sh
# One-shot Vault setup for docker-compose.vault.yml (the R3MES guide's init_vault.sh), run by the vault-bootstrap
# service with the vault CLI against the dev server. Idempotent: every step checks before it enables or writes,
# so `docker compose up` again changes nothing. Values come from the Compose secrets (docker/secrets/*.txt, made by
# `r3mes-sidecar secrets create`) by file (`@/run/secrets/NAME`), never on a command line.
set -eu

enable() { # enable TYPE PATH
  vault secrets list -format=json | grep -q "\"$2/\"" || vault secrets enable -path="$2" "$1"
}

# KV v2 with the app secrets (the dev server already mounts secret/ as KV v2).
enable kv-v2 secret
vault kv get secret/r3mes/app >/dev/null 2>&1 || vault kv put secret/r3mes/app \
  redis_password=@/run/secrets/redis_password jwt_secret=@/run/secrets/jwt_secret \
  api_secret_key=@/run/secrets/api_secret_key grafana_admin_password=@/run/secrets/grafana_admin_password

# Database: dynamic PostgreSQL roles for the backend, with VALID UNTIL so PostgreSQL itself ends them.
enable database database
vault write database/config/r3mes plugin_name=postgresql-database-plugin \
  connection_url='postgresql://{{username}}:{{password}}@postgres:5432/r3mes?sslmode=disable' \
  username=postgres password=@/run/secrets/postgres_password allowed_roles=backend
vault write database/roles/backend db_name=r3mes default_ttl=1h max_ttl=24h \
  creation_statements="CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT ALL ON SCHEMA public TO \"{{name}}\";"

# PKI: a root for the quick start and a role for Nginx's certificate.
enable pki pki
vault secrets tune -max-lease-ttl=8760h pki
vault read pki/cert/ca >/dev/null 2>&1 || vault write -field=certificate pki/root/generate/internal common_name="R3MES development CA" ttl=8760h >/dev/null
vault write pki/roles/r3mes allowed_domains=r3mes.local allow_subdomains=true allow_localhost=true max_ttl=72h

# AppRole for the sidecar, least privilege (the README's policy plus the leased engines).
vault auth list -format=json | grep -q '"approle/"' || vault auth enable approle
vault policy write r3mes-sidecar - <<'POLICY'
path "secret/data/r3mes/*"     { capabilities = ["read"] }
path "secret/metadata/r3mes/*" { capabilities = ["read"] }
path "sys/internal/ui/mounts/*" { capabilities = ["read"] }
path "database/creds/backend"  { capabilities = ["read"] }
path "pki/issue/r3mes"         { capabilities = ["update"] }
path "sys/leases/renew"        { capabilities = ["update"] }
path "sys/leases/revoke"       { capabilities = ["update"] }
POLICY
vault write auth/approle/role/sidecar token_policies=r3mes-sidecar token_ttl=1h token_max_ttl=24h secret_id_ttl=24h

# The sidecar's credentials: role id, and a response-wrapped secret id (single use, 10 minutes) that only the
# sidecar unwraps. The sidecar image runs as 65532.
umask 077
vault read -field=role_id auth/approle/role/sidecar/role-id > /vault/approle/role-id
vault write -f -wrap-ttl=10m -field=wrapping_token auth/approle/role/sidecar/secret-id > /vault/approle/secret-id
chown 65532:65532 /vault/approle/role-id /vault/approle/secret-id
echo "vault-bootstrap: done (role id and wrapped secret id written for the sidecar)"
