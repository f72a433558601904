using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using R3mes.Sidecar.Aws.Emulator.SigV4;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>Credentials and SigV4 verification: known key, scope, clock skew, signed host/x-amz-date/security
/// token, payload hash and signature, with AWS's error codes and wording.</summary>
public sealed partial class AwsEmulator
{
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string InvalidToken = "The security token included in the request is invalid.";

    /// <summary>Registers an access key; with a session token it is temporary (the token must be sent and signed)
    /// and expires at <paramref name="expires"/>. <paramref name="principalArn"/> is what GetCallerIdentity returns.</summary>
    public AwsCredential AddCredentials(string accessKeyId, string secretKey, string? sessionToken = null, DateTimeOffset? expires = null, string? principalArn = null)
    {
        var credential = new AwsCredential(accessKeyId, secretKey, sessionToken, expires,
            principalArn ?? $"arn:aws:iam::{AccountId}:user/emulator-{accessKeyId}", "AIDA" + RandomText(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));
        lock (_gate)
        {
            _credentials[accessKeyId] = credential;
        }

        return credential;
    }

    public void RemoveCredentials(string accessKeyId)
    {
        lock (_gate)
        {
            _credentials.Remove(accessKeyId);
        }
    }

    private SignatureCheck Verify(AwsCall call, string service)
    {
        if (call.Header("Authorization") is not { Length: > 0 } header)
        {
            return SignatureCheck.Fail("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (SigV4Authorization.Parse(header, out var parseError) is not { } auth)
        {
            return SignatureCheck.Fail("IncompleteSignatureException", parseError!);
        }

        if (call.Header("X-Amz-Date") is not { } amzDate
            || !DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return SignatureCheck.Fail("IncompleteSignatureException", $"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization={header}");
        }

        AwsCredential? credential;
        lock (_gate)
        {
            _credentials.TryGetValue(auth.AccessKeyId, out credential);
        }

        if (credential is null)
        {
            return SignatureCheck.Fail("UnrecognizedClientException", InvalidToken);
        }

        return CheckScope(auth, amzDate, service) ?? CheckClock(signedAt, amzDate) ?? CheckSignedHeaders(call, auth, credential) ?? CheckSignature(call, auth, amzDate, credential);
    }

    private SignatureCheck? CheckScope(SigV4Authorization auth, string amzDate, string service)
    {
        if (auth.Terminator != "aws4_request")
        {
            return SignatureCheck.Fail("IncompleteSignatureException", $"Credential should be scoped with a valid terminator: 'aws4_request', not '{auth.Terminator}'.");
        }

        if (auth.Date != amzDate[..8])
        {
            return SignatureCheck.Fail("InvalidSignatureException",
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (auth.Region != Region)
        {
            return SignatureCheck.Fail("InvalidSignatureException", $"Credential should be scoped to a valid region, not '{auth.Region}'. ");
        }

        return auth.Service != service
            ? SignatureCheck.Fail("InvalidSignatureException", $"Credential should be scoped to correct service: '{service}'. ")
            : null;
    }

    private SignatureCheck? CheckClock(DateTimeOffset signedAt, string amzDate)
    {
        var now = Now;
        var skew = _options.MaxClockSkew;
        var minutes = (int)skew.TotalMinutes;
        if (signedAt < now - skew)
        {
            return SignatureCheck.Fail("InvalidSignatureException",
                $"Signature expired: {amzDate} is now earlier than {Format(now - skew)} ({Format(now)} - {minutes} min.)");
        }

        return signedAt > now + skew
            ? SignatureCheck.Fail("InvalidSignatureException",
                $"Signature not yet current: {amzDate} is still later than {Format(now + skew)} ({Format(now)} + {minutes} min.)")
            : null;
    }

    private SignatureCheck? CheckSignedHeaders(AwsCall call, SigV4Authorization auth, AwsCredential credential)
    {
        foreach (var required in new[] { "host", "x-amz-date" })
        {
            if (!auth.SignedHeaders.Contains(required, StringComparer.Ordinal))
            {
                return SignatureCheck.Fail("InvalidSignatureException", $"'{(required == "host" ? "Host" : "X-Amz-Date")}' must be a 'SignedHeader' in the AWS Authorization.");
            }
        }

        if (credential.SessionToken is null)
        {
            return null;
        }

        if (call.Header("X-Amz-Security-Token") != credential.SessionToken)
        {
            return SignatureCheck.Fail("UnrecognizedClientException", InvalidToken);
        }

        if (!auth.SignedHeaders.Contains("x-amz-security-token", StringComparer.Ordinal))
        {
            return SignatureCheck.Fail("IncompleteSignatureException", "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
        }

        return credential.Expires <= Now ? SignatureCheck.Fail("ExpiredTokenException", "The security token included in the request is expired") : null;
    }

    private static SignatureCheck CheckSignature(AwsCall call, SigV4Authorization auth, string amzDate, AwsCredential credential)
    {
        var payloadHash = SigV4Canonical.PayloadHash(call.Body);
        if (call.Header("x-amz-content-sha256") is { } claimed && claimed != payloadHash)
        {
            return SignatureCheck.Fail("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var canonical = SigV4Canonical.CanonicalRequest(call.Method, call.RawPath, call.RawQuery, call.Headers, auth.SignedHeaders, payloadHash);
        var stringToSign = SigV4Canonical.StringToSign(amzDate, auth.Scope, canonical);
        var expected = SigV4Canonical.Signature(SigV4Canonical.SigningKey(credential.SecretKey, auth.Date, auth.Region, auth.Service), stringToSign);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature))
            ? new SignatureCheck(credential)
            : SignatureCheck.Fail("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
}
