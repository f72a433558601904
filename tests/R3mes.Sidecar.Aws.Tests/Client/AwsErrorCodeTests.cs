using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Aws.Tests.Client;

/// <summary>Error codes come as <c>__type</c> or <c>X-Amzn-ErrorType</c>, with a namespace prefix or a URL suffix (docs/AWS.md).</summary>
public sealed class AwsErrorCodeTests
{
    [Theory]
    [InlineData("ResourceNotFoundException", "ResourceNotFoundException")]
    [InlineData("com.amazonaws.secretsmanager#ThrottlingException", "ThrottlingException")]
    [InlineData("AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/", "AccessDeniedException")]
    [InlineData("aws.protocoltests#InvalidRequestException:http://x", "InvalidRequestException")]
    [InlineData(null, "")]
    public void NormalizeCode_StripsPrefixAndSuffix(string? raw, string code) => Assert.Equal(code, AwsApiException.NormalizeCode(raw));
}
