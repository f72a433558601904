namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>A queued failure: answer with a status and an AWS error of <paramref name="Type"/>, or drop the connection.</summary>
internal sealed record AwsFault(int Status, string Type, string Message, bool Drop = false);
