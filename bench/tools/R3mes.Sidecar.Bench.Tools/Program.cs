// bench/run.sh's helper processes; each runs until SIGTERM (or SIGINT) and then writes what it counted.
//   vault   --info FILE [--kv N] [--lease-ttl SECONDS]   Vault emulator: KV v2 `secret/` with N secrets
//           (secret/bench/s0…), a leased engine at `rabbitmq/` (lease TTL, renewable, max TTL 24 h); FILE gets
//           `address=` and `token=` lines; at exit FILE.stats gets max_in_flight, renewals and the busiest second.
//   aws     --info FILE                                  AWS emulator with one key and secret `bench/app`;
//           FILE gets address, region, access key, secret key.
//   kestrel --port P --body FILE                         a bare Kestrel endpoint answering FILE's bytes to any GET.
using R3mes.Sidecar.Bench.Tools;

return args.FirstOrDefault() switch
{
    "vault" => await VaultHost.RunAsync(new ToolArguments(args[1..])),
    "aws" => await AwsHost.RunAsync(new ToolArguments(args[1..])),
    "kestrel" => await BareEndpoint.RunAsync(new ToolArguments(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: R3mes.Sidecar.Bench.Tools vault|aws|kestrel [options] (see Program.cs)");
    return 2;
}
