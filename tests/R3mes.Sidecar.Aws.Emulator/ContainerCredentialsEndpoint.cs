namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>One served container credentials path: its token, role, lifetime and the key it serves now.</summary>
internal sealed class ContainerCredentialsEndpoint(string? authorizationToken, string roleArn, TimeSpan lifetime)
{
    public string? AuthorizationToken { get; } = authorizationToken;

    public string RoleArn { get; } = roleArn;

    public TimeSpan Lifetime { get; } = lifetime;

    public required AwsCredential Current { get; set; }
}
