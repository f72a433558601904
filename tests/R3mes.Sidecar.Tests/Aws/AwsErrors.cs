using System.Net;
using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>Errors as <see cref="SecretsManagerClient"/> throws them.</summary>
internal static class AwsErrors
{
    public static AwsApiException Throttling() => Status(400, "ThrottlingException", "Rate exceeded");

    public static AwsApiException Status(int status, string code, string message = "denied") =>
        new("GetSecretValue", (HttpStatusCode)status, code, message);
}
