using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Vault.Client;

/// <summary>The source-generated parsers of what Vault and Secrets Manager answer for one secret read.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private readonly byte[] _vaultKv = Encoding.UTF8.GetBytes("""
        {"request_id":"0e5b0c36-4e3c-7f4c-0fa8-1d0f7c2f37a1","lease_id":"","renewable":false,"lease_duration":0,
         "data":{"data":{"jwt_secret":"c2VjcmV0LWp3dC1rZXktMDEyMzQ1Njc4OWFiY2RlZg","api_secret_key":"k-0123456789abcdef0123456789abcdef"},
         "metadata":{"created_time":"2026-12-04T10:11:12.123456789Z","custom_metadata":null,"deletion_time":"","destroyed":false,"version":7}},
         "wrap_info":null,"warnings":null,"auth":null,"mount_type":"kv"}
        """);

    private readonly byte[] _vaultLease = Encoding.UTF8.GetBytes("""
        {"request_id":"5d2e7a4e-1b7c-2c8f-4a53-3c8a1d6e0b9f","lease_id":"database/creds/backend/8mHk2pQ7vX4nB9cL1sD6fG3j",
         "renewable":true,"lease_duration":3600,"data":{"password":"A1a-q8Zf-pYt3s-wK09rLm","username":"v-approle-backend-Xk3j9-1733300000"},
         "wrap_info":null,"warnings":null,"auth":null,"mount_type":"database"}
        """);

    private readonly byte[] _awsSecret = Encoding.UTF8.GetBytes("""
        {"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-a1B2c3","CreatedDate":1.733300000123E9,
         "Name":"prod/db","SecretString":"{\"username\":\"app\",\"password\":\"A1a-q8Zf/p+Yt3s@wK0!9rLm\",\"host\":\"db.internal\",\"port\":5432}",
         "VersionId":"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111","VersionStages":["AWSCURRENT"]}
        """);

    [Benchmark]
    public object? VaultKvV2() => JsonSerializer.Deserialize(_vaultKv, VaultJsonContext.Default.VaultEnvelope);

    [Benchmark]
    public object? VaultLease() => JsonSerializer.Deserialize(_vaultLease, VaultJsonContext.Default.VaultEnvelope);

    [Benchmark]
    public object? AwsGetSecretValue() => JsonSerializer.Deserialize(_awsSecret, AwsJsonContext.Default.GetSecretValueResponse);
}
