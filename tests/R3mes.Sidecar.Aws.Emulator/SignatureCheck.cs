namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>The outcome of verifying a request's SigV4 signature: the credential, or an error in JSON-protocol
/// terms (<see cref="Code"/> such as InvalidSignatureException) that STS translates to its own codes.</summary>
internal sealed record SignatureCheck(AwsCredential? Credential, string? Code = null, string? Message = null)
{
    public bool Failed => Credential is null;

    public static SignatureCheck Fail(string code, string message) => new(null, code, message);
}
