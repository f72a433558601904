using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Aws.Emulator;

namespace R3mes.Sidecar.Aws.Tests.Support;

/// <summary>An emulator on a fake clock with one permanent key, and a client signing with that clock.</summary>
internal sealed class AwsFixture : IAsyncDisposable
{
    private AwsFixture(AwsEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Time = time;
        Client = new AwsTestClient(emulator, time);
        Key = emulator.AddCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", principalArn: "arn:aws:iam::123456789012:user/app");
    }

    public AwsEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public AwsTestClient Client { get; }

    public AwsCredential Key { get; }

    public static async Task<AwsFixture> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        return new AwsFixture(await AwsEmulator.StartAsync(new AwsEmulatorOptions { Time = time }), time);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
