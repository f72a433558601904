using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Bench.Tools;

/// <summary>The Vault emulator as a process: KV v2 secrets for cold start, a leased engine for the lease scenario.</summary>
internal static class VaultHost
{
    public static async Task<int> RunAsync(ToolArguments args)
    {
        var info = args.Text("--info");
        var kv = args.Number("--kv", 100);
        var leaseTtl = TimeSpan.FromSeconds(args.Number("--lease-ttl", 60));
        await using var vault = await VaultEmulator.StartAsync();
        vault.MountKv("secret", 2);
        for (var i = 0; i < kv; i++)
        {
            vault.WriteKv("secret", $"bench/s{i}", new Dictionary<string, string> { ["value"] = $"kv-value-{i:D5}-0123456789abcdef" });
        }

        vault.EnableLeasedEngine("rabbitmq", leaseTtl, TimeSpan.FromHours(24));
        InfoFile.Write(info, [("address", vault.Address.ToString().TrimEnd('/')), ("token", vault.RootToken)]);
        await UntilStopped.WaitAsync();

        var renewals = vault.RenewalsBySecond;
        var total = renewals.Values.Sum();
        var busiest = renewals.Count == 0 ? 0 : renewals.Values.Max();
        InfoFile.Write(info + ".stats",
        [
            ("max_in_flight", vault.MaxInFlight),
            ("requests", vault.Requests.Count),
            ("renewals", total),
            ("renewal_seconds", renewals.Count),
            ("busiest_second_renewals", busiest),
            ("live_leases", vault.LiveLeases),
        ]);
        return 0;
    }
}
