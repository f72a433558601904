namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>How to start the emulator: its clock, port (0 = any free port), region and account.</summary>
public sealed class AwsEmulatorOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int Port { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>How far X-Amz-Date may be from the emulator's clock (AWS: 5 minutes).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of credentials issued by AssumeRoleWithWebIdentity.</summary>
    public TimeSpan AssumedRoleLifetime { get; init; } = TimeSpan.FromHours(1);
}
