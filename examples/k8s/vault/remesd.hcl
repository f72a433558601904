# Policy "remesd": the validator's keys, read once.
path "secret/data/remesd/validator"      { capabilities = ["read"] }
path "sys/internal/ui/mounts/*"          { capabilities = ["read"] }
