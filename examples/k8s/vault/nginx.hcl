# Policy "nginx": the Nginx pod's sidecar reads its certificate and key from KV.
path "secret/data/r3mes/nginx-tls"       { capabilities = ["read"] }
path "secret/metadata/r3mes/nginx-tls"   { capabilities = ["read"] }
path "sys/internal/ui/mounts/*"          { capabilities = ["read"] }
