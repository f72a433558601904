namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>
/// Response bodies exactly as Vault's documentation or real servers show them. Each constant names its source
/// (hashicorp/vault repository, website/content/…); doc samples are often abridged — the client must cope.
/// </summary>
internal static class DocFixtures
{
    /// <summary>api-docs/auth/approle.mdx, "Login With AppRole" sample response (abridged: no request_id, mount_type).</summary>
    public const string AppRoleLogin = """
        {
          "auth": {
            "renewable": true,
            "lease_duration": 1200,
            "metadata": null,
            "token_policies": ["default"],
            "accessor": "fd6c9a00-d2dc-3b11-0be5-af7ae0e1d374",
            "client_token": "5b1a0318-679c-9c45-e5c6-d1b9a9035d49"
          },
          "warnings": null,
          "wrap_info": null,
          "data": null,
          "lease_duration": 0,
          "renewable": false,
          "lease_id": ""
        }
        """;

    /// <summary>api-docs/auth/token.mdx, "Create Token" sample response (all nine keys but mount_type, old s. token).</summary>
    public const string TokenCreate = """
        {
          "request_id": "f00341c1-fad5-f6e6-13fd-235617f858a1",
          "lease_id": "",
          "renewable": false,
          "lease_duration": 0,
          "data": null,
          "wrap_info": null,
          "warnings": [
            "Policy \"stage\" does not exist",
            "Policy \"web\" does not exist"
          ],
          "auth": {
            "client_token": "s.wOrq9dO9kzOcuvB06CMviJhZ",
            "accessor": "B6oixijqmeR4bsLOJH88Ska9",
            "policies": ["default", "stage", "web"],
            "token_policies": ["default", "stage", "web"],
            "metadata": {
              "user": "armon"
            },
            "lease_duration": 3600,
            "renewable": true,
            "entity_id": "",
            "token_type": "service",
            "orphan": false
          }
        }
        """;

    /// <summary>api-docs/auth/token.mdx, "Lookup a Token (Self)" sample response.</summary>
    public const string LookupSelf = """
        {
          "data": {
            "accessor": "8609694a-cdbc-db9b-d345-e782dbb562ed",
            "creation_time": 1523979354,
            "creation_ttl": 2764800,
            "display_name": "ldap2-tesla",
            "entity_id": "7d2e3179-f69b-450c-7179-ac8ee8bd8ca9",
            "expire_time": "2018-05-19T11:35:54.466476215-04:00",
            "explicit_max_ttl": 0,
            "id": "cf64a70f-3a12-3f6c-791d-6cef6d390eed",
            "identity_policies": ["dev-group-policy"],
            "issue_time": "2018-04-17T11:35:54.466476078-04:00",
            "meta": {
              "username": "tesla"
            },
            "num_uses": 0,
            "orphan": true,
            "path": "auth/ldap2/login/tesla",
            "policies": ["default", "testgroup2-policy"],
            "renewable": true,
            "ttl": 2764790
          }
        }
        """;

    /// <summary>api-docs/auth/token.mdx, "Renew a Token (Self)" sample response.</summary>
    public const string RenewSelf = """
        {
          "auth": {
            "client_token": "ABCD",
            "policies": ["web", "stage"],
            "metadata": {
              "user": "armon"
            },
            "lease_duration": 3600,
            "renewable": true
          }
        }
        """;

    /// <summary>api-docs/secret/kv/kv-v1.mdx, "Read Secret" sample response (lease_duration is advisory, no lease).</summary>
    public const string KvV1Read = """
        {
          "auth": null,
          "data": {
            "foo": "bar",
            "ttl": "1h"
          },
          "lease_duration": 3600,
          "lease_id": "",
          "renewable": false
        }
        """;

    /// <summary>
    /// A real Vault 1.18 server's KV v2 read (captured with curl | jq): all nine keys,
    /// mount_type "kv", custom_metadata null.
    /// </summary>
    public const string KvV2Read = """
        {
          "request_id": "75cd44b6-7ee7-9371-14a5-10229efc7c36",
          "lease_id": "",
          "renewable": false,
          "lease_duration": 0,
          "data": {
            "data": {
              "target": "thisisasecret"
            },
            "metadata": {
              "created_time": "2025-01-03T23:37:19.65449147Z",
              "custom_metadata": null,
              "deletion_time": "",
              "destroyed": false,
              "version": 1
            }
          },
          "wrap_info": null,
          "warnings": null,
          "auth": null,
          "mount_type": "kv"
        }
        """;

    /// <summary>api-docs/secret/kv/kv-v2.mdx, "Read Secret Metadata" sample response (current_version 3).</summary>
    public const string KvV2Metadata = """
        {
          "data": {
            "cas_required": false,
            "created_time": "2018-03-22T02:24:06.945319214Z",
            "current_version": 3,
            "delete_version_after": "3h25m19s",
            "max_versions": 0,
            "oldest_version": 0,
            "updated_time": "2018-03-22T02:36:43.986212308Z",
            "custom_metadata": {
              "foo": "abc",
              "bar": "123",
              "baz": "5c07d823-3810-48f6-a147-4c06b5219e84"
            },
            "versions": {
              "1": { "created_time": "2018-03-22T02:24:06.945319214Z", "deletion_time": "", "destroyed": false },
              "2": { "created_time": "2018-03-22T02:36:33.954880664Z", "deletion_time": "", "destroyed": false },
              "3": { "created_time": "2018-03-22T02:36:43.986212308Z", "deletion_time": "", "destroyed": false }
            }
          }
        }
        """;

    /// <summary>
    /// A soft-deleted KV v2 version: 404 WITH an envelope (vault-plugin-secrets-kv path_data.go +
    /// sdk/logical/response.go RespondWithStatusCode; shape constructed from those sources).
    /// </summary>
    public const string KvV2Deleted = """{"request_id":"1f2e","lease_id":"","renewable":false,"lease_duration":0,"data":{"data":null,"metadata":{"created_time":"2018-03-22T02:24:06.945319214Z","custom_metadata":null,"deletion_time":"2018-03-22T03:00:00.000000000Z","destroyed":false,"version":2}},"wrap_info":null,"warnings":null,"auth":null,"mount_type":""}""";

    /// <summary>A destroyed KV v2 version (same shape, destroyed true).</summary>
    public const string KvV2Destroyed = """{"request_id":"1f2f","lease_id":"","renewable":false,"lease_duration":0,"data":{"data":null,"metadata":{"created_time":"2018-03-22T02:24:06.945319214Z","custom_metadata":null,"deletion_time":"","destroyed":true,"version":2}},"wrap_info":null,"warnings":null,"auth":null,"mount_type":""}""";

    /// <summary>Missing path or empty list: 404 with an empty error list (api-docs/index.mdx).</summary>
    public const string NotFound = """{"errors":[]}""";

    /// <summary>sys/internal/ui/mounts for a KV v2 mount (internal-ui-mounts.mdx shows only the inner object; real servers wrap it).</summary>
    public const string MountsKvV2 = """{"request_id":"a","lease_id":"","renewable":false,"lease_duration":0,"data":{"accessor":"kv_1234","config":{"default_lease_ttl":0,"force_no_cache":false,"max_lease_ttl":0},"description":"key/value secret storage","external_entropy_access":false,"local":false,"options":{"version":"2"},"path":"secret/","seal_wrap":false,"type":"kv","uuid":"4bb40403"},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"system"}""";

    /// <summary>sys/internal/ui/mounts for a KV v1 mount (options null).</summary>
    public const string MountsKvV1 = """{"request_id":"b","lease_id":"","renewable":false,"lease_duration":0,"data":{"accessor":"kv_5678","options":null,"path":"kv1/","type":"kv"},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"system"}""";

    /// <summary>api-docs/system/wrapping-lookup.mdx sample response.</summary>
    public const string WrappingLookup = """
        {
          "request_id": "481320f5-fdf8-885d-8050-65fa767fd19b",
          "lease_id": "",
          "lease_duration": 0,
          "renewable": false,
          "data": {
            "creation_path": "sys/wrapping/wrap",
            "creation_time": "2016-09-28T14:16:13.07103516-04:00",
            "creation_ttl": 300
          },
          "wrap_info": null,
          "warnings": null,
          "auth": null
        }
        """;

    /// <summary>The 403 of Vault ≥ 1.17 for a revoked/expired token (docs/concepts/tokens.mdx; multierror formatting).</summary>
    public const string InvalidToken403 = "{\"errors\":[\"2 errors occurred:\\n\\t* permission denied\\n\\t* invalid token\\n\\n\"]}\n";

    /// <summary>The multierror-wrapped policy denial quoted from a real server (VaultSharp issue #138).</summary>
    public const string PermissionDenied403 = "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}\n";
}
