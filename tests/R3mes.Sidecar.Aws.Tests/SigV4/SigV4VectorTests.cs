using R3mes.Sidecar.Aws.Emulator.SigV4;

namespace R3mes.Sidecar.Aws.Tests.SigV4;

/// <summary>The emulator's verifier primitives recompute AWS's own expected values for every header-signed case.</summary>
public sealed class SigV4VectorTests
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(SigV4VectorCase.Root).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verifier_RecomputesAwsVector(string name)
    {
        var vector = SigV4VectorCase.Load(name);
        var auth = SigV4Authorization.Parse(vector.Header("Authorization"), out var error);
        Assert.Null(error);
        Assert.NotNull(auth);
        var amzDate = vector.Header("X-Amz-Date");
        var payloadHash = vector.Header("x-amz-content-sha256") is { Length: > 0 } claimed ? claimed : SigV4Canonical.PayloadHash(vector.Body);
        Assert.Equal(SigV4Canonical.PayloadHash(vector.Body), payloadHash);

        var canonical = SigV4Canonical.CanonicalRequest(vector.Method, vector.Path, vector.Query, vector.Headers, auth.SignedHeaders, payloadHash, vector.Normalize);
        var stringToSign = SigV4Canonical.StringToSign(amzDate, auth.Scope, canonical);
        var signature = SigV4Canonical.Signature(SigV4Canonical.SigningKey(SecretKey, auth.Date, auth.Region, auth.Service), stringToSign);

        Assert.Equal(vector.ExpectedCanonicalRequest, canonical);
        Assert.Equal(vector.ExpectedStringToSign, stringToSign);
        Assert.Equal(vector.ExpectedSignature, signature);
        Assert.Equal(vector.ExpectedSignature, auth.Signature);
    }
}
