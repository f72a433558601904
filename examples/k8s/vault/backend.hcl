# Policy "backend": the backend pod's sidecar (Kubernetes auth role "backend").
path "database/creds/backend"            { capabilities = ["read"] }
path "secret/data/r3mes/backend"         { capabilities = ["read"] }
path "secret/metadata/r3mes/backend"     { capabilities = ["read"] }
path "sys/leases/renew"                  { capabilities = ["update"] }
path "sys/leases/revoke"                 { capabilities = ["update"] }
path "sys/internal/ui/mounts/*"          { capabilities = ["read"] }
