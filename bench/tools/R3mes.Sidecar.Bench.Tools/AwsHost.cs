using R3mes.Sidecar.Aws.Emulator;

namespace R3mes.Sidecar.Bench.Tools;

/// <summary>The AWS emulator as a process, with one static key and the secret <c>bench/app</c>.</summary>
internal static class AwsHost
{
    public const string AccessKey = "AKIAR3MESBENCH000001";
    public const string SecretKey = "r3mes/bench/key/for/the/emulator/only00001";

    public static async Task<int> RunAsync(ToolArguments args)
    {
        await using var aws = await AwsEmulator.StartAsync();
        aws.AddCredentials(AccessKey, SecretKey, principalArn: "arn:aws:iam::123456789012:user/r3mes-bench");
        aws.CreateSecret("bench/app", """{"username":"bench","password":"p4ssw0rd-0123456789abcdef"}""");
        InfoFile.Write(args.Text("--info"),
            [("address", aws.Address.ToString().TrimEnd('/')), ("region", aws.Region), ("access_key", AccessKey), ("secret_key", SecretKey)]);
        await UntilStopped.WaitAsync();
        return 0;
    }
}
