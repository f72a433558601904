namespace R3mes.Sidecar.Cli;

/// <summary>CONTRACT §2: 0 success, 1 runtime failure, 2 usage or configuration error.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
